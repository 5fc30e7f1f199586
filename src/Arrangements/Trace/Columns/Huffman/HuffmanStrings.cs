using System.Buffers.Binary;
using AkkaDifferential.Arrangements.Data;

namespace AkkaDifferential.Arrangements.Trace.Columns.Huffman;

/// <summary>
/// The strings of a batch column, Huffman-encoded (differential dataflow's <c>HuffmanContainer</c>): one code book
/// (<see cref="HuffmanCode"/>) built from how often each UTF-16 code unit occurs in the strings the batch holds, the
/// codes of all strings packed into one bit stream, and the bit offset where each string starts. A plain column holds
/// a reference per string and the string object (24 bytes and 2 bytes per character); here a word of English text
/// takes its characters' codes, about 4 bits each, and a 4-byte offset.
/// <para>Items are read by decoding. Comparisons decode symbol by symbol and stop at the first difference, in the
/// order of <see cref="DataOrder{T}"/> for strings (ordinal: by code unit), so seeks and merges allocate nothing;
/// <see cref="Decode"/> builds a new string, which is what a reader that hands a key to user code gets.</para>
/// <para><see cref="TryEncode"/> declines where the code would not save (few strings, or an alphabet so wide that
/// codes are nearly 16 bits) and the column stays plain, as upstream's container falls back to raw items.</para>
/// </summary>
internal sealed class HuffmanStrings
{
    // Scratch for decoding one string into a new one or to hash it: a thread's longest string so far.
    [ThreadStatic]
    private static char[]? scratch;

    private readonly HuffmanCode code;
    // The bit stream, most significant bit first, followed by 8 bytes of zeros so a window can be read anywhere in it.
    private readonly byte[] bits;
    // String i is the bits [offsets[i], offsets[i + 1]).
    private readonly int[] offsets;

    private HuffmanStrings(HuffmanCode code, byte[] bits, int[] offsets)
    {
        this.code = code;
        this.bits = bits;
        this.offsets = offsets;
    }

    /// <summary>The number of strings.</summary>
    public int Count => offsets.Length - 1;

    /// <summary>The bytes the column takes: bit stream, offsets and code book.</summary>
    public long StoredBytes => bits.Length + offsets.Length * 4L + code.StoredBytes;

    /// <summary>The bytes a plain column takes for one string of <paramref name="length"/> characters: its reference and its object.</summary>
    public static long PlainBytes(int length) => IntPtr.Size + ((22L + 2L * length + 7) & ~7L);

    /// <summary>
    /// The strings <c>text[starts[i] .. starts[i + 1])</c> for <c>i</c> below <c>starts.Length - 1</c>, encoded; or
    /// <c>null</c> when the encoding would take more than three quarters of the plain column's bytes
    /// (<see cref="PlainBytes"/>) and <paramref name="force"/> is false, or when its bits would not fit 32-bit offsets.
    /// </summary>
    public static HuffmanStrings? TryEncode(ReadOnlySpan<char> text, ReadOnlySpan<int> starts, bool force)
    {
        var counts = new long[256][];
        foreach (var c in text)
            (counts[c >> 8] ??= new long[256])[c & 0xFF]++;
        var code = HuffmanCode.Build(counts);
        long totalBits = 0;
        for (var high = 0; high < counts.Length; high++)
        {
            if (counts[high] is not { } page)
                continue;
            for (var low = 0; low < 256; low++)
                if (page[low] > 0)
                    totalBits += page[low] * code.LengthOf((ushort)((high << 8) | low));
        }
        if (totalBits > int.MaxValue - 64)
            return null;
        var strings = starts.Length - 1;
        var bytes = (int)((totalBits + 7) >> 3) + 8;
        if (!force)
        {
            long plain = 0;
            for (var i = 0; i < strings; i++)
                plain += PlainBytes(starts[i + 1] - starts[i]);
            if (4 * (bytes + 4L * starts.Length + code.StoredBytes) > 3 * plain)
                return null;
        }
        var stream = new byte[bytes];
        var offsets = new int[starts.Length];
        ulong pending = 0;
        int pendingBits = 0, position = 0, written = 0;
        for (var i = 0; i < strings; i++)
        {
            offsets[i] = position;
            foreach (var c in text[starts[i]..starts[i + 1]])
            {
                var bitsOfCode = code.Encode(c, out var length);
                pending = (pending << length) | bitsOfCode;
                pendingBits += length;
                position += length;
                while (pendingBits >= 8)
                {
                    pendingBits -= 8;
                    stream[written++] = (byte)(pending >> pendingBits);
                }
            }
        }
        offsets[strings] = position;
        if (pendingBits > 0)
            stream[written] = (byte)(pending << (8 - pendingBits));
        code.DropEncoder();
        return new HuffmanStrings(code, stream, offsets);
    }

    /// <summary>The string at <paramref name="index"/>, decoded into a new string.</summary>
    public string Decode(int index)
    {
        var (start, end) = (offsets[index], offsets[index + 1]);
        if (start == end)
            return string.Empty;
        var buffer = Scratch(end - start);
        var length = DecodeInto(start, end, buffer);
        return new string(buffer, 0, length);
    }

    /// <summary>
    /// The string at <paramref name="index"/>'s <see cref="StableHash{T}"/> (XXH64 of its code units), decoded into a
    /// scratch buffer, not a new string: a hashed batch orders its keys by their hashes.
    /// </summary>
    public ulong Hash(int index)
    {
        var (start, end) = (offsets[index], offsets[index + 1]);
        var buffer = Scratch(end - start);
        return XxHash64.Hash(buffer.AsSpan(0, DecodeInto(start, end, buffer)));
    }

    /// <summary>Appends the string at <paramref name="index"/> to <paramref name="buffer"/> from <paramref name="count"/> on, growing it as needed.</summary>
    public void AppendTo(int index, ref char[] buffer, ref int count)
    {
        var (start, end) = (offsets[index], offsets[index + 1]);
        if (buffer.Length - count < end - start)
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, count + end - start));
        count += DecodeInto(start, end, buffer.AsSpan(count));
    }

    /// <summary>Compares the string at <paramref name="index"/> with <paramref name="other"/> ordinally (by code unit); only the sign matters.</summary>
    public int Compare(int index, ReadOnlySpan<char> other)
    {
        var (position, end) = (offsets[index], offsets[index + 1]);
        var j = 0;
        while (position < end)
        {
            if (j == other.Length)
                return 1;
            var symbol = code.Decode(Window(position), out var length);
            position += length;
            var compare = symbol - other[j++];
            if (compare != 0)
                return compare;
        }
        return j == other.Length ? 0 : -1;
    }

    /// <summary>Compares the string at <paramref name="index"/> with the string at <paramref name="otherIndex"/> of <paramref name="other"/>, ordinally.</summary>
    public int Compare(int index, HuffmanStrings other, int otherIndex)
    {
        var (position, end) = (offsets[index], offsets[index + 1]);
        var (otherPosition, otherEnd) = (other.offsets[otherIndex], other.offsets[otherIndex + 1]);
        while (position < end)
        {
            if (otherPosition == otherEnd)
                return 1;
            var symbol = code.Decode(Window(position), out var length);
            position += length;
            var otherSymbol = other.code.Decode(other.Window(otherPosition), out var otherLength);
            otherPosition += otherLength;
            var compare = symbol - otherSymbol;
            if (compare != 0)
                return compare;
        }
        return otherPosition == otherEnd ? 0 : -1;
    }

    /// <summary>
    /// The first index in <c>[from, Count)</c> whose string is ≥ <paramref name="target"/>, or <see cref="Count"/>,
    /// the strings being sorted; gallops from <paramref name="from"/>, as <see cref="SortedColumns.LowerBound{T}"/>.
    /// </summary>
    public int LowerBound(int from, ReadOnlySpan<char> target)
    {
        var count = Count;
        if (from >= count || Compare(from, target) >= 0)
            return from;
        var low = from;
        var step = 1;
        var high = from + 1;
        while (high < count && Compare(high, target) < 0)
        {
            low = high;
            step <<= 1;
            high = low + step;
        }
        if (high > count)
            high = count;
        while (high - low > 1)
        {
            var mid = low + ((high - low) >> 1);
            if (Compare(mid, target) < 0)
                low = mid;
            else
                high = mid;
        }
        return high;
    }

    /// <summary>The thread's scratch buffer, for a string of at most <paramref name="bits"/> bits (a character takes at least one).</summary>
    private static char[] Scratch(int bits) =>
        scratch is { } s && s.Length >= bits ? s : scratch = new char[Math.Max(bits, 64)];

    /// <summary>The 64 bits from bit <paramref name="position"/> on, the first at the top.</summary>
    private ulong Window(int position) =>
        BinaryPrimitives.ReadUInt64BigEndian(bits.AsSpan(position >> 3, 8)) << (position & 7);

    private int DecodeInto(int position, int end, Span<char> into)
    {
        var count = 0;
        while (position < end)
        {
            into[count++] = (char)code.Decode(Window(position), out var length);
            position += length;
        }
        return count;
    }
}
