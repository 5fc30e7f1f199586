using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace AkkaDifferential.Arrangements.Data;

/// <summary>
/// XXH64 (Yann Collet's xxHash, 64-bit variant, seed 0), written out here so that the string hash of
/// <see cref="StableHash{T}"/> is a published function that any process, machine or language can reproduce, and
/// never <see cref="string.GetHashCode()"/>, which is randomised per process. A string is hashed as its UTF-16
/// little-endian code units.
/// </summary>
internal static class XxHash64
{
    private const ulong Prime1 = 0x9E37_79B1_85EB_CA87;
    private const ulong Prime2 = 0xC2B2_AE3D_27D4_EB4F;
    private const ulong Prime3 = 0x1656_67B1_9E37_79F9;
    private const ulong Prime4 = 0x85EB_CA77_C2B2_AE63;
    private const ulong Prime5 = 0x27D4_EB2F_1656_67C5;

    /// <summary>XXH64 of the UTF-16LE code units of <paramref name="text"/> (lone surrogates included as they are).</summary>
    public static ulong Hash(string text) => Hash(text.AsSpan());

    /// <summary>XXH64 of the UTF-16LE code units of <paramref name="text"/>: the hash of the string they make.</summary>
    public static ulong Hash(ReadOnlySpan<char> text)
    {
        if (BitConverter.IsLittleEndian)
            return Hash(MemoryMarshal.AsBytes(text));
        var bytes = new byte[text.Length * 2];
        for (var i = 0; i < text.Length; i++)
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2 * i), text[i]);
        return Hash(bytes);
    }

    /// <summary>XXH64 of <paramref name="data"/> with seed 0.</summary>
    public static ulong Hash(ReadOnlySpan<byte> data)
    {
        var length = data.Length;
        var i = 0;
        ulong h;
        if (length >= 32)
        {
            ulong v1 = unchecked(Prime1 + Prime2), v2 = Prime2, v3 = 0, v4 = unchecked(0 - Prime1);
            for (; i <= length - 32; i += 32)
            {
                v1 = Round(v1, Read64(data, i));
                v2 = Round(v2, Read64(data, i + 8));
                v3 = Round(v3, Read64(data, i + 16));
                v4 = Round(v4, Read64(data, i + 24));
            }
            h = BitOperations.RotateLeft(v1, 1) + BitOperations.RotateLeft(v2, 7)
                + BitOperations.RotateLeft(v3, 12) + BitOperations.RotateLeft(v4, 18);
            h = MergeRound(h, v1);
            h = MergeRound(h, v2);
            h = MergeRound(h, v3);
            h = MergeRound(h, v4);
        }
        else
        {
            h = Prime5;
        }

        h += (ulong)length;
        for (; i <= length - 8; i += 8)
            h = BitOperations.RotateLeft(h ^ Round(0, Read64(data, i)), 27) * Prime1 + Prime4;
        if (i <= length - 4)
        {
            h = BitOperations.RotateLeft(h ^ (BinaryPrimitives.ReadUInt32LittleEndian(data[i..]) * Prime1), 23) * Prime2 + Prime3;
            i += 4;
        }
        for (; i < length; i++)
            h = BitOperations.RotateLeft(h ^ (data[i] * Prime5), 11) * Prime1;

        h ^= h >> 33;
        h *= Prime2;
        h ^= h >> 29;
        h *= Prime3;
        h ^= h >> 32;
        return h;
    }

    private static ulong Read64(ReadOnlySpan<byte> data, int at) => BinaryPrimitives.ReadUInt64LittleEndian(data[at..]);

    private static ulong Round(ulong accumulator, ulong lane) =>
        BitOperations.RotateLeft(accumulator + lane * Prime2, 31) * Prime1;

    private static ulong MergeRound(ulong accumulator, ulong value) => (accumulator ^ Round(0, value)) * Prime1 + Prime4;
}
