using System.Collections.Immutable;
using CsCheck;

namespace AkkaDifferential.Arrangements.Tests.Data;

public class DataOrderTests
{
    [Fact]
    public void IntsAndLongsAreTotallyOrdered()
    {
        OrderLaws.Hold(Gen.OneOf(Generators.SmallInt, Gen.Int), (a, b) => a == b);
        OrderLaws.Hold(Gen.OneOf(Gen.Long[-2, 2], Gen.Long), (a, b) => a == b);
    }

    [Fact]
    public void StringsAreTotallyOrderedAndEqualOnlyWhenOrdinallyEqual() =>
        OrderLaws.Hold(Generators.AnyString, string.Equals);

    [Fact]
    public void StringsCompareOrdinally() =>
        Gen.Select(Generators.AnyString, Generators.AnyString).Sample((a, b) =>
            Math.Sign(DataOrder<string>.Compare(a, b)) == Math.Sign(string.CompareOrdinal(a, b)));

    [Theory]
    [InlineData("a\u00ADb", "ab")]
    [InlineData("\0", "")]
    [InlineData("a\0", "a")]
    [InlineData("a", "A")]
    [InlineData("a", "B")]
    public void StringsThatCultureMayConfuseAreDistinctAndOrdinallyOrdered(string greater, string smaller)
    {
        Assert.True(DataOrder<string>.Compare(greater, smaller) > 0);
        Assert.True(DataOrder<string>.Compare(smaller, greater) < 0);
        Assert.True(DataOrder<(int, string)>.Compare((1, greater), (1, smaller)) > 0);
        Assert.True(DataOrder<Person>.Compare(new Person(greater, 0), new Person(smaller, 0)) > 0);
    }

    [Fact]
    public void NullStringsComeFirst()
    {
        Assert.True(DataOrder<string?>.Compare(null, "") < 0);
        Assert.Equal(0, DataOrder<string?>.Compare(null, null));
    }

    [Fact]
    public void TuplesAreTotallyOrderedMemberByMember()
    {
        OrderLaws.Hold(Gen.Select(Generators.SmallInt, Generators.TrickyString), (a, b) => a.Equals(b));
        OrderLaws.Hold(
            Gen.Select(Generators.SmallInt, Generators.TrickyString).Select(t => Tuple.Create(t.Item1, t.Item2)),
            (a, b) => a.Equals(b));
        Assert.True(DataOrder<(int, string)>.Compare((1, "z"), (2, "a")) < 0);
        Assert.True(DataOrder<(int, string)>.Compare((2, "a"), (2, "b")) < 0);
    }

    [Fact]
    public void LongTuplesCompareTheirRest()
    {
        var a = (1, 2, 3, 4, 5, 6, 7, "a\u00ADb", 9);
        var b = (1, 2, 3, 4, 5, 6, 7, "ab", 9);
        Assert.True(DataOrder<(int, int, int, int, int, int, int, string, int)>.Compare(a, b) > 0);
        Assert.Equal(0, DataOrder<(int, int, int, int, int, int, int, string, int)>.Compare(a, a));
    }

    [Fact]
    public void RecordsAreTotallyOrderedConsistentlyWithEquality()
    {
        OrderLaws.Hold(Generators.Person.Null(0.1), Equals);
        OrderLaws.Hold(Generators.Point, (a, b) => a.Equals(b));
        OrderLaws.Hold(Generators.Segment, Equals);
    }

    [Fact]
    public void RecordsCompareMembersInDeclarationOrderWithNullFirst()
    {
        Assert.True(DataOrder<Person>.Compare(new Person("a", 9), new Person("b", 1)) < 0);
        Assert.True(DataOrder<Person>.Compare(new Person("a", 1), new Person("a", 2)) < 0);
        Assert.True(DataOrder<Person?>.Compare(null, new Person("", int.MinValue)) < 0);
        Assert.True(DataOrder<Point>.Compare(new Point(1, "z"), new Point(2, "a")) < 0);
        var from = new Point(0, "x");
        Assert.True(DataOrder<Segment>.Compare(new Segment(from, from, null), new Segment(from, from, new Person("", 0))) < 0);
    }

    [Fact]
    public void SequencesAreOrderedLexicographically()
    {
        static bool SameInts(int[]? a, int[]? b) => a is null ? b is null : b is not null && a.SequenceEqual(b);
        OrderLaws.Hold(Generators.SmallInt.Array[0, 3].Null(0.1), SameInts);
        OrderLaws.Hold(Generators.TrickyString.Array[0, 3], (a, b) => a.SequenceEqual(b));
        OrderLaws.Hold(Generators.Person.Array[0, 2], (a, b) => a.SequenceEqual(b));

        int[][] ascending = [[], [0], [1, 2], [1, 2, 0], [1, 3]];
        for (var i = 0; i + 1 < ascending.Length; i++)
        {
            Assert.True(DataOrder<int[]>.Compare(ascending[i], ascending[i + 1]) < 0);
            Assert.True(DataOrder<List<int>>.Compare([.. ascending[i]], [.. ascending[i + 1]]) < 0);
            Assert.True(DataOrder<ImmutableArray<int>>.Compare([.. ascending[i]], [.. ascending[i + 1]]) < 0);
        }
        Assert.True(DataOrder<int[]?>.Compare(null, []) < 0);
        Assert.True(DataOrder<ImmutableArray<int>>.Compare(default, []) < 0);
    }

    [Fact]
    public void EnumsAndNullablesAreOrderedByValueWithNullFirst()
    {
        Assert.True(DataOrder<Colour>.Compare(Colour.Red, Colour.Green) < 0);
        Assert.True(DataOrder<Colour>.Compare(Colour.Blue, Colour.Green) > 0);
        OrderLaws.Hold(Generators.SmallInt.Nullable(0.3), (a, b) => a == b);
        Assert.True(DataOrder<int?>.Compare(null, int.MinValue) < 0);
    }

    [Fact]
    public void ComparerSortsLikeCompare()
    {
        string[] words = ["b", "a\u00ADb", "ab", "B", "", "\0"];
        Array.Sort(words, DataOrder<string>.Comparer);
        Assert.Equal(["", "\0", "B", "ab", "a\u00ADb", "b"], words);
    }

    [Fact]
    public void TheLawsCatchAnOrderInconsistentWithEquality() =>
        Assert.ThrowsAny<Exception>(() =>
            OrderLaws.Hold(Generators.TrickyString, string.Equals, (a, b) => a.Length.CompareTo(b.Length)));

    [Fact]
    public void RecursiveTypesAreOrdered()
    {
        DataOrder<Chain>.Validate();
        var shorter = new Chain(1, new Chain(2, null));
        var longer = new Chain(1, new Chain(2, new Chain(0, null)));
        Assert.True(DataOrder<Chain>.Compare(shorter, longer) < 0);
        Assert.Equal(0, DataOrder<Chain>.Compare(longer, new Chain(1, new Chain(2, new Chain(0, null)))));
    }

    public sealed record Chain(int Value, Chain? Next);

    public record Animal(string Name);

    public sealed record Dog(string Name, int Legs) : Animal(Name);

    [Fact]
    public void DerivedRecordsCompareBaseMembersFirst()
    {
        Assert.True(DataOrder<Dog>.Compare(new Dog("a", 9), new Dog("b", 1)) < 0);
        Assert.True(DataOrder<Dog>.Compare(new Dog("a", 1), new Dog("a", 2)) < 0);
        Assert.NotEqual(StableHash<Dog>.Hash(new Dog("a", 1)), StableHash<Dog>.Hash(new Dog("b", 1)));
        OrderLaws.Hold(Gen.Select(Generators.TrickyString, Generators.SmallInt, (n, l) => new Dog(n, l)), Equals);
    }
}
