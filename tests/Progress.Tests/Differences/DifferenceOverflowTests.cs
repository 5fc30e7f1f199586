using System.Numerics;
using CsCheck;

namespace AkkaDifferential.Progress.Tests.Differences;

/// <summary>
/// Difference arithmetic is checked: a result within the type's range is exact, one beyond it throws an
/// <see cref="OverflowException"/> that names the operation and the type, never a wrapped value.
/// </summary>
public sealed class DifferenceOverflowTests
{
    private static readonly Gen<long> Longs = Gen.OneOf(Gen.Long, Gen.Long[-3, 3], Gen.Long[long.MaxValue - 3, long.MaxValue], Gen.Long[long.MinValue, long.MinValue + 3]);
    private static readonly Gen<int> Ints = Gen.OneOf(Gen.Int, Gen.Int[-3, 3], Gen.Int[int.MaxValue - 3, int.MaxValue], Gen.Int[int.MinValue, int.MinValue + 3]);

    [Fact]
    public void Long_sums_are_exact_or_throw() =>
        Gen.Select(Longs, Longs).Sample((a, b) => Exact((BigInteger)a + b, () => Difference.Add(a, b), long.MinValue, long.MaxValue), iter: 20_000);

    [Fact]
    public void Long_products_are_exact_or_throw() =>
        Gen.Select(Longs, Gen.OneOf(Longs, Gen.Long[-(1L << 32), 1L << 32])).Sample(
            (a, b) => Exact((BigInteger)a * b, () => Difference.Multiply(a, b), long.MinValue, long.MaxValue), iter: 20_000);

    [Fact]
    public void Long_negations_are_exact_or_throw() =>
        Longs.Sample(a => Exact(-(BigInteger)a, () => Difference.Negate(a), long.MinValue, long.MaxValue), iter: 5_000);

    [Fact]
    public void Int_sums_products_and_negations_are_exact_or_throw() =>
        Gen.Select(Ints, Ints).Sample((a, b) =>
            Exact((BigInteger)a + b, () => Difference.Add(a, b), int.MinValue, int.MaxValue)
            && Exact((BigInteger)a * b, () => Difference.Multiply(a, b), int.MinValue, int.MaxValue)
            && Exact(-(BigInteger)a, () => Difference.Negate(a), int.MinValue, int.MaxValue), iter: 20_000);

    [Fact]
    public void Generic_math_differences_use_their_checked_operators()
    {
        var error = Assert.Throws<OverflowException>(() => Difference.Add<short>(short.MaxValue, 1));
        Assert.Contains("32767 + 1 is beyond the range of Int16", error.Message);
        Assert.Throws<OverflowException>(() => Difference.Negate<short>(short.MinValue));
        Assert.Throws<OverflowException>(() => Difference.Multiply<short>(256, 128));
        Assert.Equal((Int128)long.MaxValue + 1, Difference.Add((Int128)long.MaxValue, Int128.One));
    }

    [Fact]
    public void The_error_names_the_operation_and_the_type()
    {
        var sum = Assert.Throws<OverflowException>(() => Difference.Add(long.MaxValue, 1L));
        Assert.Contains("9223372036854775807 + 1 is beyond the range of Int64", sum.Message);
        var product = Assert.Throws<OverflowException>(() => Difference.Multiply(1L << 32, 1L << 32));
        Assert.Contains("4294967296 * 4294967296 is beyond the range of Int64", product.Message);
    }

    private static bool Exact<T>(BigInteger expected, Func<T> compute, BigInteger min, BigInteger max) where T : IBinaryInteger<T>
    {
        if (expected >= min && expected <= max)
            return BigInteger.CreateChecked(compute()) == expected;
        try
        {
            compute();
            return false;
        }
        catch (OverflowException)
        {
            return true;
        }
    }
}
