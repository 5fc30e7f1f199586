using CsCheck;

namespace AkkaDifferential.Arrangements.Tests.Data;

/// <summary>Record shapes shared by the order and hash tests, and generators that often produce equal values.</summary>
public sealed record Person(string Name, int Age);

/// <summary>A record struct with a string.</summary>
public readonly record struct Point(int X, string Label);

/// <summary>A record nesting records, a nullable record and a record struct.</summary>
public sealed record Segment(Point From, Point To, Person? Owner);

/// <summary>An enum with a non-zero-based underlying value.</summary>
public enum Colour : short { Red = -1, Green = 1, Blue = 7 }

internal static class Generators
{
    /// <summary>Short strings over characters a culture-aware comparer mistreats: a soft hyphen, NUL, case.</summary>
    public static readonly Gen<string> TrickyString =
        Gen.Char["ab\u00AD\0A"].Array[0, 4].Select(chars => new string(chars));

    public static readonly Gen<string> AnyString = Gen.OneOf(TrickyString, Gen.String);

    public static readonly Gen<int> SmallInt = Gen.Int[-2, 2];

    public static readonly Gen<Person> Person = Gen.Select(TrickyString, SmallInt, (n, a) => new Person(n, a));

    public static readonly Gen<Point> Point = Gen.Select(SmallInt, TrickyString, (x, l) => new Point(x, l));

    public static readonly Gen<Segment> Segment =
        Gen.Select(Point, Point, Person.Null(0.3), (f, t, o) => new Segment(f, t, o));
}
