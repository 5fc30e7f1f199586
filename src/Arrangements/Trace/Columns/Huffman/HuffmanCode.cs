namespace AkkaDifferential.Arrangements.Trace.Columns.Huffman;

/// <summary>
/// A canonical Huffman code over 16-bit symbols (the UTF-16 code units of strings), built from how often each symbol
/// occurs in the items of one batch: frequent symbols get short codes, so English text takes about four bits a
/// character instead of sixteen. Codes are at most <see cref="MaxLength"/> bits (counts are halved until the tree
/// fits) and canonical — codes of one length are consecutive, in symbol order — so the code book is the symbols
/// sorted by code length and the number of codes of each length. Decoding reads a 64-bit window whose top bits are
/// the next code: a table indexed by its first <c>TableBits</c> bits answers every short code at once, and longer
/// codes are found length by length among the canonical ranges.
/// </summary>
/// <remarks>
/// Huffman codes are not order-preserving (a frequent <c>z</c> gets a shorter code than a rare <c>a</c>), so items are
/// compared by their decoded symbols, never by their bits.
/// </remarks>
internal sealed class HuffmanCode
{
    /// <summary>The longest code: a 64-bit window read at any bit position holds at least 57 bits, so one read suffices.</summary>
    public const int MaxLength = 24;

    private const int MaxTableBits = 10;

    // Entry of the first-level table: (symbol << 8) | length for a code of at most tableBits bits; 0 for a longer one.
    private readonly uint[] table;
    private readonly int tableBits;
    // Symbols in canonical order; for each length, its first code, the index of its first symbol and its number of codes.
    private readonly ushort[] symbols;
    private readonly int[] firstCode;
    private readonly int[] firstIndex;
    private readonly int[] lengthCount;
    private readonly int maxLength;
    // The encoder: for each symbol's high byte a page of 256 entries (code << 8 | length), pages only where used;
    // dropped once the items are encoded, so a batch keeps only the decoder.
    private uint[]?[]? encode;

    private HuffmanCode(ushort[] symbols, byte[] lengths)
    {
        // Canonical order: by length, then by symbol.
        var order = new int[symbols.Length];
        for (var i = 0; i < order.Length; i++)
            order[i] = i;
        Array.Sort(order, (a, b) => lengths[a] != lengths[b] ? lengths[a].CompareTo(lengths[b]) : symbols[a].CompareTo(symbols[b]));
        maxLength = 0;
        foreach (var length in lengths)
            maxLength = Math.Max(maxLength, length);
        this.symbols = new ushort[symbols.Length];
        lengthCount = new int[maxLength + 1];
        for (var i = 0; i < order.Length; i++)
        {
            this.symbols[i] = symbols[order[i]];
            lengthCount[lengths[order[i]]]++;
        }
        firstCode = new int[maxLength + 1];
        firstIndex = new int[maxLength + 1];
        encode = new uint[256][];
        var code = 0;
        var index = 0;
        for (var length = 1; length <= maxLength; length++)
        {
            firstCode[length] = code;
            firstIndex[length] = index;
            for (var c = 0; c < lengthCount[length]; c++)
            {
                var symbol = this.symbols[index + c];
                var page = encode[symbol >> 8] ??= new uint[256];
                page[symbol & 0xFF] = ((uint)(code + c) << 8) | (uint)length;
            }
            code = (code + lengthCount[length]) << 1;
            index += lengthCount[length];
        }
        tableBits = Math.Min(maxLength, MaxTableBits);
        table = new uint[1 << tableBits];
        for (var length = 1; length <= tableBits; length++)
            for (var c = 0; c < lengthCount[length]; c++)
            {
                var symbol = this.symbols[firstIndex[length] + c];
                var start = (firstCode[length] + c) << (tableBits - length);
                table.AsSpan(start, 1 << (tableBits - length)).Fill(((uint)symbol << 8) | (uint)length);
            }
    }

    /// <summary>The bytes the decoder keeps: its table, its symbols and its canonical ranges (the encoder is dropped with <see cref="DropEncoder"/>).</summary>
    public long StoredBytes => table.Length * 4L + symbols.Length * 2L + 3L * 4 * (maxLength + 1);

    /// <summary>
    /// The code of the symbols counted in <paramref name="counts"/> (indexed by symbol's high byte, then low byte;
    /// a null page counts nothing). Symbols with a zero count get no code. A lone symbol gets a one-bit code.
    /// </summary>
    public static HuffmanCode Build(long[]?[] counts)
    {
        var symbols = new List<ushort>();
        var weights = new List<long>();
        for (var high = 0; high < counts.Length; high++)
        {
            if (counts[high] is not { } page)
                continue;
            for (var low = 0; low < 256; low++)
                if (page[low] > 0)
                {
                    symbols.Add((ushort)((high << 8) | low));
                    weights.Add(page[low]);
                }
        }
        var w = weights.ToArray();
        var lengths = Lengths(w);
        while (Max(lengths) > MaxLength)
        {
            for (var i = 0; i < w.Length; i++)
                w[i] = Math.Max(1, w[i] >> 1);
            lengths = Lengths(w);
        }
        return new HuffmanCode([.. symbols], lengths);
    }

    /// <summary>The code of <paramref name="symbol"/> in its low <paramref name="length"/> bits; the symbol must have a code.</summary>
    public uint Encode(ushort symbol, out int length)
    {
        var entry = encode![symbol >> 8]![symbol & 0xFF];
        length = (int)(entry & 0xFF);
        return entry >> 8;
    }

    /// <summary>The length of <paramref name="symbol"/>'s code, or 0 when it has none.</summary>
    public int LengthOf(ushort symbol) => encode![symbol >> 8] is { } page ? (int)(page[symbol & 0xFF] & 0xFF) : 0;

    /// <summary>Forgets the encoder: called when every item is encoded, before the code is shared.</summary>
    public void DropEncoder() => encode = null;

    /// <summary>
    /// The symbol whose code starts at the top bit of <paramref name="window"/>, and in <paramref name="length"/> the
    /// bits it takes. The window must start with a code.
    /// </summary>
    public ushort Decode(ulong window, out int length)
    {
        var entry = table[(int)(window >> (64 - tableBits))];
        if (entry != 0)
        {
            length = (int)(entry & 0xFF);
            return (ushort)(entry >> 8);
        }
        for (length = tableBits + 1; length <= maxLength; length++)
        {
            // Codes shorter than this length are numerically below it, so the offset is never negative.
            var offset = (int)(window >> (64 - length)) - firstCode[length];
            if ((uint)offset < (uint)lengthCount[length])
                return symbols[firstIndex[length] + offset];
        }
        throw new InvalidOperationException("The bits hold no code of this code book.");
    }

    /// <summary>Optimal code lengths for <paramref name="weights"/> (Huffman's construction; one symbol gets length 1).</summary>
    private static byte[] Lengths(long[] weights)
    {
        var n = weights.Length;
        var lengths = new byte[n];
        if (n == 1)
            lengths[0] = 1;
        if (n <= 1)
            return lengths;
        // Nodes 0..n-1 are leaves, n.. are forks; repeatedly join the two lightest.
        var parent = new int[2 * n - 1];
        var queue = new PriorityQueue<int, long>(n);
        var weight = new long[2 * n - 1];
        for (var i = 0; i < n; i++)
        {
            weight[i] = weights[i];
            queue.Enqueue(i, weights[i]);
        }
        for (var fork = n; fork < 2 * n - 1; fork++)
        {
            var a = queue.Dequeue();
            var b = queue.Dequeue();
            parent[a] = parent[b] = fork;
            weight[fork] = weight[a] + weight[b];
            queue.Enqueue(fork, weight[fork]);
        }
        // Depths from the root (the last fork), which is every node's ancestor with a larger index.
        var depth = new int[2 * n - 1];
        for (var node = 2 * n - 3; node >= 0; node--)
            depth[node] = depth[parent[node]] + 1;
        for (var i = 0; i < n; i++)
            lengths[i] = (byte)Math.Min(depth[i], byte.MaxValue);
        return lengths;
    }

    private static int Max(byte[] lengths)
    {
        var max = 0;
        foreach (var length in lengths)
            max = Math.Max(max, length);
        return max;
    }
}
