using System.Collections.Immutable;
using System.Text;
using AkkaDifferential.Arrangements.Data;
using CsCheck;

namespace AkkaDifferential.Arrangements.Tests.Data;

public class StableHashTests
{
    // Workers in different processes route records by these hashes: a change to any of them is a wire-format
    // change. They were computed once by this implementation; the integer, empty-string and string values are also
    // published ones (SplitMix64's first output; XXH64 of UTF-16LE bytes, as System.IO.Hashing computes it).
    public static readonly TheoryData<string, ulong, ulong> Golden = new()
    {
        { "int 0 (SplitMix64 of 0)", StableHash<int>.Hash(0), 0xE220A8397B1DCDAF },
        { "int 1", StableHash<int>.Hash(1), 0x910A2DEC89025CC1 },
        { "long -1", StableHash<long>.Hash(-1L), 0xE4D971771B652C20 },
        { "ulong 42", StableHash<ulong>.Hash(42UL), 0xBDD732262FEB6E95 },
        { "bool true", StableHash<bool>.Hash(true), 0x910A2DEC89025CC1 },
        { "char A", StableHash<char>.Hash('A'), 0x3706970B052F16B1 },
        { "empty string (XXH64 of nothing)", StableHash<string>.Hash(""), 0xEF46DB3751D8E999 },
        { "abc", StableHash<string>.Hash("abc"), 0xAFF0F2A2F8B32731 },
        { "hello", StableHash<string>.Hash("hello"), 0xBDB2413BAC04EB78 },
        { "soft hyphen", StableHash<string>.Hash("a\u00ADb"), 0x89C1CABB407F374F },
        { "null string", StableHash<string?>.Hash(null), 0x9E6C63D0676A9A99 },
        { "double 1.5", StableHash<double>.Hash(1.5), 0xD6DAB18E1392608A },
        { "decimal 1.0", StableHash<decimal>.Hash(1.0m), 0x6C750C3A1DDCB42C },
        { "guid", StableHash<Guid>.Hash(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e")), 0xB14FCEBE735EEB5C },
        { "date", StableHash<DateTime>.Hash(new DateTime(2024, 1, 1)), 0x75B2B5C22660C06D },
        { "enum", StableHash<Colour>.Hash(Colour.Blue), 0x63CBE1E459320DD7 },
        { "tuple", StableHash<(int, string)>.Hash((1, "a")), 0x103B8E2E21A36A5E },
        { "record", StableHash<Person>.Hash(new Person("Ada", 36)), 0xD00463F96AE8FA10 },
        { "record struct", StableHash<Point>.Hash(new Point(3, "p")), 0x857E5A4FA9EEFB9F },
        { "array", StableHash<int[]>.Hash([1, 2, 3]), 0xE4CA4B45335C6643 },
        { "nested record", StableHash<Segment>.Hash(new Segment(new Point(0, "a"), new Point(1, "b"), null)), 0x37AEF92504AA28F7 },
    };

    [Theory]
    [MemberData(nameof(Golden))]
    public void HashesNeverChange(string what, ulong actual, ulong expected) =>
        Assert.True(expected == actual, $"{what}: expected 0x{expected:X16}, got 0x{actual:X16}");

    [Fact]
    public void StringsBuiltDifferentlyHashEqual() =>
        Generators.AnyString.Sample(s =>
        {
            var expected = StableHash<string>.Hash(s);
            Assert.Equal(expected, StableHash<string>.Hash(new string(s.AsSpan())));
            Assert.Equal(expected, StableHash<string>.Hash(new StringBuilder().Append(s).ToString()));
            Assert.Equal(expected, StableHash<string>.Hash(string.Concat(s[..(s.Length / 2)], s[(s.Length / 2)..])));
        });

    [Fact]
    public void EqualStructuralValuesHashEqual()
    {
        Gen.Select(Generators.Person, Generators.Person).Sample((a, b) =>
            !a.Equals(b) || StableHash<Person>.Hash(a) == StableHash<Person>.Hash(b));
        Gen.Select(Generators.Segment, Generators.Segment).Sample((a, b) =>
            !a.Equals(b) || StableHash<Segment>.Hash(a) == StableHash<Segment>.Hash(b));
        Generators.Segment.Sample(s =>
            StableHash<Segment>.Hash(s) == StableHash<Segment>.Hash(s with { Owner = s.Owner is null ? null : s.Owner with { } }));
        Gen.Select(Generators.SmallInt, Generators.AnyString).Sample((i, s) =>
            StableHash<(int, string)>.Hash((i, s)) == StableHash<(int, string)>.Hash((i, new string(s.AsSpan())))
            && StableHash<Tuple<int, string>>.Hash(Tuple.Create(i, s)) == StableHash<Tuple<int, string>>.Hash(new Tuple<int, string>(i, s)));
        Generators.SmallInt.Array[0, 5].Sample(a =>
            StableHash<int[]>.Hash(a) == StableHash<int[]>.Hash((int[])a.Clone())
            && StableHash<List<int>>.Hash([.. a]) == StableHash<List<int>>.Hash([.. a])
            && StableHash<ImmutableArray<int>>.Hash([.. a]) == StableHash<ImmutableArray<int>>.Hash([.. a]));
    }

    [Fact]
    public void EqualScalarsWithDifferentRepresentationsHashEqual()
    {
        Assert.Equal(StableHash<double>.Hash(0.0), StableHash<double>.Hash(-0.0));
        Assert.Equal(StableHash<double>.Hash(double.NaN), StableHash<double>.Hash(BitConverter.Int64BitsToDouble(0x7FF0_0000_0000_0001)));
        Assert.Equal(StableHash<float>.Hash(0f), StableHash<float>.Hash(-0f));
        Assert.Equal(StableHash<decimal>.Hash(1m), StableHash<decimal>.Hash(1.000m));
        Assert.Equal(StableHash<decimal>.Hash(0m), StableHash<decimal>.Hash(-0.00m));
        Assert.NotEqual(StableHash<decimal>.Hash(1m), StableHash<decimal>.Hash(10m));
        Assert.NotEqual(StableHash<decimal>.Hash(1m), StableHash<decimal>.Hash(-1m));
        var instant = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);
        Assert.Equal(StableHash<DateTimeOffset>.Hash(instant), StableHash<DateTimeOffset>.Hash(instant.ToOffset(TimeSpan.FromHours(5))));
        var ticks = new DateTime(2024, 5, 6).Ticks;
        Assert.Equal(StableHash<DateTime>.Hash(new DateTime(ticks, DateTimeKind.Utc)), StableHash<DateTime>.Hash(new DateTime(ticks, DateTimeKind.Local)));
        Assert.Equal(StableHash<int?>.Hash(5), StableHash<int>.Hash(5));
        Assert.Equal(StableHash<Person?>.Hash(null), StableHash<int?>.Hash(null));
    }

    [Fact]
    public void DistinctValuesRarelyCollide()
    {
        // Integers are mixed by a bijection, so distinct ones never collide.
        var seen = new HashSet<ulong>();
        for (var i = -50_000; i < 50_000; i++)
            Assert.True(seen.Add(StableHash<int>.Hash(i)));
        Assert.NotEqual(StableHash<string>.Hash("a\u00ADb"), StableHash<string>.Hash("ab"));
        Assert.NotEqual(StableHash<string>.Hash(""), StableHash<string?>.Hash(null));
        Assert.NotEqual(StableHash<int[]>.Hash([]), StableHash<int[]?>.Hash(null));
        Assert.NotEqual(StableHash<(int, int)>.Hash((1, 2)), StableHash<(int, int)>.Hash((2, 1)));
        Assert.NotEqual(StableHash<int[][]>.Hash([[1], [2, 3]]), StableHash<int[][]>.Hash([[1, 2], [3]]));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(10)]
    public void SequentialKeysSpreadEvenlyOverBuckets(int buckets)
    {
        AssertEven(Enumerable.Range(0, 100_000).Select(i => StableHash<int>.Hash(i)), buckets);
        AssertEven(Enumerable.Range(0, 100_000).Select(i => StableHash<string>.Hash("key" + i)), buckets);
        AssertEven(Enumerable.Range(0, 100_000).Select(i => StableHash<(int, int)>.Hash((i / 300, i % 300))), buckets);
    }

    private static void AssertEven(IEnumerable<ulong> hashes, int buckets)
    {
        var counts = new int[buckets];
        var total = 0;
        foreach (var hash in hashes)
        {
            counts[StableHash.Bucket(hash, buckets)]++;
            total++;
        }
        var mean = (double)total / buckets;
        Assert.All(counts, count => Assert.InRange(count, mean * 0.9, mean * 1.1));
    }

    [Fact]
    public void BucketsCoverTheRangeByHighBits()
    {
        Assert.Equal(0, StableHash.Bucket(0, 7));
        Assert.Equal(6, StableHash.Bucket(ulong.MaxValue, 7));
        Assert.Equal(0, StableHash.Bucket(ulong.MaxValue, 1));
        Assert.Equal(3, StableHash.Bucket(0xC000_0000_0000_0000, 4));
        Assert.Equal(2, StableHash.Bucket(0xBFFF_FFFF_FFFF_FFFF, 4));
        Gen.Select(Gen.ULong, Gen.Int[1, 1000]).Sample((h, n) => StableHash.Bucket(h, n) is var b && b >= 0 && b < n);
        Assert.Throws<ArgumentOutOfRangeException>(() => StableHash.Bucket(1, 0));
    }

    [Theory]
    [InlineData("", 0xEF46DB3751D8E999)]
    [InlineData("a", 0xD24EC4F1A98C6E5B)]
    [InlineData("abc", 0x44BC2CF5AD770999)]
    [InlineData("hello", 0x26C7827D889F6DA3)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x0B242D361FDA71BC)]
    public void XxHash64MatchesThePublishedFunction(string ascii, ulong expected) =>
        Assert.Equal(expected, XxHash64.Hash(Encoding.ASCII.GetBytes(ascii)));

    [Fact]
    public void StringHashIsXxHash64OfUtf16() =>
        Gen.String.Sample(s => StableHash<string>.Hash(s) == XxHash64.Hash(Encoding.Unicode.GetBytes(s))
            || s.Any(char.IsSurrogate));
}
