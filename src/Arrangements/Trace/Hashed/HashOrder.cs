using System.Runtime.CompilerServices;
using AkkaDifferential.Arrangements.Data;

namespace AkkaDifferential.Arrangements.Trace.Hashed;

/// <summary>
/// The order of keys in a batch of the <see cref="KeyLayout.Hashed"/> layout: by <see cref="Hash"/>, then by
/// <see cref="DataOrder{T}"/> among keys of equal hash, so it is a total order consistent with equality as the
/// trace needs, and the same in every process.
/// <para>The hash is the key's <see cref="StableHash{T}"/> mixed once more (<see cref="HashMix.Mix"/>, a bijection,
/// so keys of equal stable hash are exactly those of equal hash here). Exchange sends a key to the bucket the high bits
/// of its stable hash select, so within one bucket those bits hardly vary; placing keys by them would crowd a bucket's
/// keys into a few slots. Mixed again, every bit varies.</para>
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
internal static class HashOrder<TKey>
{
    /// <summary>The hash that places <paramref name="key"/> in a hashed batch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash(TKey key) => OfStableHash(StableHash<TKey>.Hash(key));

    /// <summary>The hash that places a key whose <see cref="StableHash{T}"/> is <paramref name="stableHash"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong OfStableHash(ulong stableHash) => HashMix.Mix(stableHash);

    /// <summary>Compares two keys in the hashed order: negative if <paramref name="a"/> comes first, zero if equal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Compare(TKey a, TKey b)
    {
        var c = Hash(a).CompareTo(Hash(b));
        return c != 0 ? c : DataOrder<TKey>.Compare(a, b);
    }

    /// <summary>Compares two keys in the order of <paramref name="layout"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Compare(KeyLayout layout, TKey a, TKey b) =>
        layout == KeyLayout.Hashed ? Compare(a, b) : DataOrder<TKey>.Compare(a, b);
}
