using AkkaDifferential.Arrangements.Trace.Columns;
using AkkaDifferential.Arrangements.Trace.Columns.Huffman;
using CsCheck;

namespace AkkaDifferential.Arrangements.Tests.Trace.Columns;

public class HuffmanStringsTests
{
    /// <summary>The strings encoded, however few unless <paramref name="force"/> is false.</summary>
    internal static HuffmanStrings Encode(IReadOnlyList<string> strings, bool force = true)
    {
        var starts = new int[strings.Count + 1];
        for (var i = 0; i < strings.Count; i++)
            starts[i + 1] = starts[i] + strings[i].Length;
        return HuffmanStrings.TryEncode(string.Concat(strings), starts, force) ?? throw new InvalidOperationException("not encoded");
    }

    private static string[] Sorted(string[] strings) => [.. strings.Order(StringComparer.Ordinal)];

    [Fact]
    public void EncodedStringsDecodeToThemselves() =>
        TextGen.String.Array[0, 40].Sample(strings =>
        {
            var encoded = Encode(strings);
            Assert.Equal(strings.Length, encoded.Count);
            for (var i = 0; i < strings.Length; i++)
                Assert.Equal(strings[i], encoded.Decode(i));
            var buffer = new char[1];
            var count = 0;
            for (var i = 0; i < strings.Length; i++)
                encoded.AppendTo(i, ref buffer, ref count);
            Assert.Equal(string.Concat(strings), new string(buffer, 0, count));
        });

    [Fact]
    public void ComparisonsAreOrdinalAgainstStringsAndOtherCodeBooks() =>
        Gen.Select(TextGen.String.Array[1, 30], TextGen.String.Array[1, 30], TextGen.String.Array[0, 10]).Sample((a, b, targets) =>
        {
            var (ea, eb) = (Encode(a), Encode(b));
            for (var i = 0; i < a.Length; i++)
            {
                foreach (var t in targets.Concat(a).Concat(b))
                    Assert.Equal(Math.Sign(string.CompareOrdinal(a[i], t)), Math.Sign(ea.Compare(i, t)));
                for (var j = 0; j < b.Length; j++)
                    Assert.Equal(Math.Sign(string.CompareOrdinal(a[i], b[j])), Math.Sign(ea.Compare(i, eb, j)));
            }
        });

    [Fact]
    public void LowerBoundFindsTheFirstStringNotBelowTheTarget() =>
        Gen.Select(TextGen.String.Array[0, 60], TextGen.String, Gen.Int[0, 60]).Sample((strings, target, from) =>
        {
            var sorted = Sorted([.. strings.Distinct(StringComparer.Ordinal)]);
            var encoded = Encode(sorted);
            from = Math.Min(from, sorted.Length);
            var expected = from;
            while (expected < sorted.Length && string.CompareOrdinal(sorted[expected], target) < 0)
                expected++;
            Assert.Equal(expected, encoded.LowerBound(from, target));
            for (var i = 0; i < sorted.Length; i++)
                Assert.Equal(i, encoded.LowerBound(0, sorted[i]));
        });

    [Fact]
    public void SkewedCountsAreLimitedToTheLongestCodeAndStillDecode()
    {
        // Fibonacci-like counts give an optimal tree as deep as the alphabet: 40 symbols, 2^i copies of the i-th.
        var strings = new List<string>();
        for (var i = 0; i < 40; i++)
            strings.Add(new string((char)('0' + i), i < 20 ? 1 << i : 1 << 19));
        strings.Add(new string(Enumerable.Range(0, 40).Select(i => (char)('0' + i)).ToArray()));
        var encoded = Encode(strings);
        for (var i = 0; i < strings.Count; i++)
            Assert.Equal(strings[i], encoded.Decode(i));
    }

    [Fact]
    public void TheCodeDeclinesWhereItWouldNotSave()
    {
        // One short string: the code book outweighs the characters.
        Assert.Null(HuffmanStrings.TryEncode("ab", [0, 2], force: false));
        // Ten thousand English-like words: about four bits a character instead of sixteen and an object each.
        var words = Enumerable.Range(0, 10_000).Select(i => $"w{(char)('a' + i % 26)}{(char)('a' + i / 26 % 26)}{(char)('e' + i / 676 % 10)}").ToArray();
        var starts = new int[words.Length + 1];
        for (var i = 0; i < words.Length; i++)
            starts[i + 1] = starts[i] + words[i].Length;
        var encoded = HuffmanStrings.TryEncode(string.Concat(words), starts, force: false);
        Assert.NotNull(encoded);
        long plain = 0;
        foreach (var word in words)
            plain += HuffmanStrings.PlainBytes(word.Length);
        Assert.True(encoded.StoredBytes < plain / 4, $"{encoded.StoredBytes} bytes encoded against {plain} plain");
        // Every character distinct and drawn from all of UTF-16: codes near 16 bits, no saving worth the decoding.
        var wide = new string(Enumerable.Range(0, 60_000).Select(i => (char)(i + 1000)).ToArray());
        Assert.Null(HuffmanStrings.TryEncode(wide, [0, wide.Length], force: false));
    }

    [Fact]
    public void AKeyWriterEncodesOnlyWhenItPays()
    {
        static KeyColumn<string> Write(IEnumerable<string> keys, KeyEncoding encoding, int capacity)
        {
            var writer = new KeyWriter<string>(capacity, encoding);
            foreach (var key in keys)
                writer.Add(key);
            return writer.ToColumn();
        }
        var many = Enumerable.Range(0, 1000).Select(i => $"key{i:D5}").ToArray();
        Assert.Equal(!TraceLayout.Explicit, Write(many, KeyEncoding.Auto, many.Length).IsEncoded);
        Assert.False(Write(many, KeyEncoding.Plain, many.Length).IsEncoded);
        Assert.False(Write(many[..10], KeyEncoding.Auto, 10).IsEncoded);
        Assert.Equal(!TraceLayout.Explicit, Write(many[..10], KeyEncoding.Always, 10).IsEncoded);
        // A null key has no encoding: the column stays plain, whatever was asked.
        Assert.False(Write([null!, .. many], KeyEncoding.Always, many.Length + 1).IsEncoded);
    }
}
