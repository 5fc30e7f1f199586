using CsCheck;

namespace AkkaDifferential.Progress.Tests;

/// <summary>
/// Generators of timestamps. Coordinates are non-negative (times start at zero) and mostly small, so that equal
/// and comparable pairs are common enough for the order laws to be exercised, with an occasional large value.
/// </summary>
internal static class TimeGens
{
    public static readonly Gen<long> Long = Gen.Frequency<long>((6, Gen.Long[0, 6]), (1, Gen.Long[0, long.MaxValue]));

    public static readonly Gen<int> Int = Gen.Frequency<int>((6, Gen.Int[0, 6]), (1, Gen.Int[0, int.MaxValue]));

    public static readonly Gen<Product<long, int>> Product =
        Gen.Select(Gen.Long[0, 4], Gen.Int[0, 4], (outer, inner) => new Product<long, int>(outer, inner));

    public static readonly Gen<Product<Product<long, int>, int>> NestedProduct =
        Gen.Select(Product, Gen.Int[0, 3], (outer, inner) => new Product<Product<long, int>, int>(outer, inner));
}
