using AkkaDifferential.Progress.Tracking;
using CsCheck;

namespace AkkaDifferential.Progress.Tests.Timestamps;

/// <summary>
/// The timestamp laws beyond the lattice, through the <see cref="Timestamp"/> facade: <see cref="Timestamp.Compare{T}"/>
/// is a total order extending the partial order, the minimum is below every (non-negative) time, and the flattening
/// to <see cref="FlatTime"/> round-trips and is an order embedding that the progress tracker can rely on.
/// </summary>
public abstract class TimestampLawTests<T>
{
    private const long Iterations = 5_000;

    private protected abstract Gen<T> Times { get; }

    /// <summary>The number of flattened coordinates expected for <typeparamref name="T"/>.</summary>
    private protected abstract int ExpectedCoordinates { get; }

    private Gen<(T, T)> Pairs => Gen.Select(Times, Times);

    private static bool Same(T a, T b) => EqualityComparer<T>.Default.Equals(a, b);

    [Fact]
    public void Compare_is_zero_exactly_for_equal_times() =>
        Pairs.Sample((a, b) => (Timestamp.Compare(a, b) == 0) == Same(a, b) && Timestamp.Compare(a, a) == 0, iter: Iterations);

    [Fact]
    public void Compare_is_antisymmetric() =>
        Pairs.Sample((a, b) => Math.Sign(Timestamp.Compare(a, b)) == -Math.Sign(Timestamp.Compare(b, a)), iter: Iterations);

    [Fact]
    public void Compare_is_transitive() =>
        Gen.Select(Times, Times, Times).Sample(
            (a, b, c) => !(Timestamp.Compare(a, b) <= 0 && Timestamp.Compare(b, c) <= 0) || Timestamp.Compare(a, c) <= 0,
            iter: Iterations);

    [Fact]
    public void Compare_extends_LessEqual() =>
        Pairs.Sample((a, b) => !Lattice.LessEqual(a, b) || Timestamp.Compare(a, b) <= 0, iter: Iterations);

    [Fact]
    public void Minimum_is_less_equal_every_time() =>
        Times.Sample(a => Lattice.LessEqual(Timestamp.Minimum<T>(), a), iter: Iterations);

    [Fact]
    public void Minimum_flattens_to_zeros() =>
        Assert.All(FlatTime.From(Timestamp.Minimum<T>()).Coordinates.ToArray(), c => Assert.Equal(0, c));

    [Fact]
    public void Encode_writes_the_declared_number_of_coordinates() =>
        Assert.Equal(ExpectedCoordinates, Timestamp.Coordinates<T>());

    [Fact]
    public void Decode_inverts_Encode() =>
        Times.Sample(a =>
        {
            var coordinates = new long[Timestamp.Coordinates<T>()];
            Timestamp.Encode(a, coordinates);
            return Same(Timestamp.Decode<T>(coordinates), a) && Same(FlatTime.From(a).To<T>(), a);
        }, iter: Iterations);

    [Fact]
    public void Flattening_is_an_order_embedding() =>
        Pairs.Sample((a, b) => FlatTime.LessEqual(FlatTime.From(a), FlatTime.From(b)) == Lattice.LessEqual(a, b), iter: Iterations);

    [Fact]
    public void Flattening_is_injective() =>
        Pairs.Sample((a, b) => FlatTime.From(a).Equals(FlatTime.From(b)) == Same(a, b), iter: Iterations);

    [Fact]
    public void Flattening_preserves_Join_and_Meet() =>
        Pairs.Sample((a, b) =>
            FlatTime.From(Lattice.Join(a, b)).Equals(FlatTime.Join(FlatTime.From(a), FlatTime.From(b)))
            && FlatTime.From(Lattice.Meet(a, b)).Equals(FlatTime.Meet(FlatTime.From(a), FlatTime.From(b))), iter: Iterations);

    [Fact]
    public void Flattening_preserves_the_total_order() =>
        Pairs.Sample((a, b) =>
            Math.Sign(FlatTime.From(a).CompareTo(FlatTime.From(b))) == Math.Sign(Timestamp.Compare(a, b)), iter: Iterations);
}

public sealed class LongTimestampLawTests : TimestampLawTests<long>
{
    private protected override Gen<long> Times => TimeGens.Long;
    private protected override int ExpectedCoordinates => 1;
}

public sealed class IntTimestampLawTests : TimestampLawTests<int>
{
    private protected override Gen<int> Times => TimeGens.Int;
    private protected override int ExpectedCoordinates => 1;
}

public sealed class ProductTimestampLawTests : TimestampLawTests<Product<long, int>>
{
    private protected override Gen<Product<long, int>> Times => TimeGens.Product;
    private protected override int ExpectedCoordinates => 2;
}

public sealed class NestedProductTimestampLawTests : TimestampLawTests<Product<Product<long, int>, int>>
{
    private protected override Gen<Product<Product<long, int>, int>> Times => TimeGens.NestedProduct;
    private protected override int ExpectedCoordinates => 3;
}
