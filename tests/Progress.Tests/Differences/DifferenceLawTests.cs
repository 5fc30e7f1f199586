using CsCheck;

namespace AkkaDifferential.Progress.Tests.Differences;

/// <summary>
/// The abelian-group laws of the <see cref="Difference"/> facade, for the built-in integer differences (whose fast
/// paths bypass generic math) and for a user-defined struct reached through generic math.
/// </summary>
public abstract class DifferenceLawTests<T>
{
    private const long Iterations = 5_000;

    private protected abstract Gen<T> Values { get; }

    private static bool Same(T a, T b) => EqualityComparer<T>.Default.Equals(a, b);

    [Fact]
    public void Add_is_commutative() =>
        Gen.Select(Values, Values).Sample((a, b) => Same(Difference.Add(a, b), Difference.Add(b, a)), iter: Iterations);

    [Fact]
    public void Add_is_associative() =>
        Gen.Select(Values, Values, Values).Sample(
            (a, b, c) => Same(Difference.Add(Difference.Add(a, b), c), Difference.Add(a, Difference.Add(b, c))),
            iter: Iterations);

    [Fact]
    public void Zero_is_the_identity() =>
        Values.Sample(a => Same(Difference.Add(a, Difference.Zero<T>()), a) && Same(Difference.Add(Difference.Zero<T>(), a), a), iter: Iterations);

    [Fact]
    public void Negate_gives_the_inverse() =>
        Values.Sample(a => Difference.IsZero(Difference.Add(a, Difference.Negate(a))) && Same(Difference.Negate(Difference.Negate(a)), a), iter: Iterations);

    [Fact]
    public void IsZero_holds_exactly_for_Zero() =>
        Values.Sample(a => Difference.IsZero(a) == Same(a, Difference.Zero<T>()), iter: Iterations);

    [Fact]
    public void Zero_is_zero() => Assert.True(Difference.IsZero(Difference.Zero<T>()));
}

public sealed class LongDifferenceLawTests : DifferenceLawTests<long>
{
    // Small values make zeros and cancellations common; large ones stay far enough from the range's ends that sums
    // of three do not overflow (which is checked, see DifferenceOverflowTests).
    private protected override Gen<long> Values => Gen.OneOf(Gen.Long[-3, 3], Gen.Long[-(1L << 60), 1L << 60]);
}

public sealed class IntDifferenceLawTests : DifferenceLawTests<int>
{
    private protected override Gen<int> Values => Gen.OneOf(Gen.Int[-3, 3], Gen.Int[-(1 << 28), 1 << 28]);
}

public sealed class UserStructDifferenceLawTests : DifferenceLawTests<Vec2>
{
    private protected override Gen<Vec2> Values => Gen.Select(Gen.Long[-3, 3], Gen.OneOf(Gen.Long[-3, 3], Gen.Long), (x, y) => new Vec2(x, y));
}
