using CsCheck;

namespace AkkaDifferential.Arrangements.Tests.Trace.Columns;

/// <summary>Random strings for the tests of Huffman-encoded keys: empty, ASCII, other planes, lone surrogates, long.</summary>
internal static class TextGen
{
    /// <summary>Mostly a few lower-case letters (so codes are short and unequal), then the rest of UTF-16.</summary>
    public static readonly Gen<char> Char = Gen.Frequency(
        (8, Gen.Char['a', 'f']),
        (2, Gen.Char['A', 'Z']),
        (1, Gen.Char[(char)0x80, (char)0x7FF]),
        (1, Gen.Char[(char)0xD800, (char)0xDFFF]),
        (1, Gen.Char[(char)0xE000, (char)0xFFFF]),
        (1, Gen.Char));

    /// <summary>Empty, short, or long (hundreds of characters).</summary>
    public static readonly Gen<string> String = Gen.Frequency(
        (1, Gen.Const(string.Empty)),
        (12, Char.Array[1, 6].Select(static c => new string(c))),
        (1, Char.Array[50, 400].Select(static c => new string(c))));

    /// <summary>Up to <paramref name="count"/> distinct strings (at least one), in random order.</summary>
    public static Gen<string[]> Distinct(int count) =>
        String.Array[count].Select(static a => a.Distinct(StringComparer.Ordinal).ToArray());
}
