using System.Runtime.CompilerServices;

namespace AkkaDifferential.Arrangements.Data;

/// <summary>
/// The mixing steps of <see cref="StableHash{T}"/>. Every constant here is part of the hash's definition: workers
/// in different processes route a record by its hash, so changing any of them reroutes every record and must be
/// treated as a wire-format change (the golden values in the tests catch it).
/// </summary>
internal static class HashMix
{
    /// <summary>The hash of <c>null</c>, of every type.</summary>
    public const ulong Null = 0x9E6C_63D0_676A_9A99;

    /// <summary>The start value of structural and sequence hashes.</summary>
    public const ulong Seed = 0x243F_6A88_85A3_08D3;

    private const ulong Multiplier = 0xC2B2_AE3D_27D4_EB4F;

    /// <summary>The SplitMix64 output function: a bijection that spreads every input bit over the whole word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong x)
    {
        x += 0x9E37_79B9_7F4A_7C15;
        x = (x ^ (x >> 30)) * 0xBF58_476D_1CE4_E5B9;
        x = (x ^ (x >> 27)) * 0x94D0_49BB_1331_11EB;
        return x ^ (x >> 31);
    }

    /// <summary>Folds the hash of the next member or element into <paramref name="hash"/>; order matters.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Combine(ulong hash, ulong next) => Mix(hash * Multiplier + next);
}
