using CsCheck;

namespace AkkaDifferential.Progress.Tests.Timestamps;

/// <summary>
/// The partial-order and lattice laws, checked through the <see cref="Lattice"/> facade that all engine code uses.
/// One derived class per built-in timestamp type runs every law for that type.
/// </summary>
public abstract class LatticeLawTests<T>
{
    private const long Iterations = 5_000;

    /// <summary>The times the laws are checked over.</summary>
    private protected abstract Gen<T> Times { get; }

    private Gen<(T, T)> Pairs => Gen.Select(Times, Times);

    private Gen<(T, T, T)> Triples => Gen.Select(Times, Times, Times);

    private static bool Same(T a, T b) => EqualityComparer<T>.Default.Equals(a, b);

    [Fact]
    public void AnyLessEqual_is_LessEqual_to_some_element() =>
        Gen.Select(Times.Array[0, 5], Times).Sample(
            (lower, time) => Lattice.AnyLessEqual<T>(lower, time) == lower.Any(l => Lattice.LessEqual(l, time)),
            iter: Iterations);

    [Fact]
    public void LessEqual_is_reflexive() =>
        Times.Sample(a => Lattice.LessEqual(a, a), iter: Iterations);

    [Fact]
    public void LessEqual_is_antisymmetric() =>
        Pairs.Sample((a, b) => !(Lattice.LessEqual(a, b) && Lattice.LessEqual(b, a)) || Same(a, b), iter: Iterations);

    [Fact]
    public void LessEqual_is_transitive()
    {
        // Random triples are rarely chains for product times, so half of them are made into chains with meet and join.
        var chains = Triples.Select((a, b, c) => (Lattice.Meet(a, b), b, Lattice.Join(b, c)));
        Gen.OneOf(Triples, chains).Sample(
            (a, b, c) => !(Lattice.LessEqual(a, b) && Lattice.LessEqual(b, c)) || Lattice.LessEqual(a, c),
            iter: Iterations);
    }

    [Fact]
    public void LessThan_is_LessEqual_without_equality() =>
        Pairs.Sample((a, b) => Lattice.LessThan(a, b) == (Lattice.LessEqual(a, b) && !Same(a, b)), iter: Iterations);

    [Fact]
    public void Join_is_the_least_upper_bound() =>
        Triples.Sample((a, b, c) =>
        {
            var join = Lattice.Join(a, b);
            var upper = Lattice.LessEqual(a, join) && Lattice.LessEqual(b, join);
            var least = !(Lattice.LessEqual(a, c) && Lattice.LessEqual(b, c)) || Lattice.LessEqual(join, c);
            return upper && least;
        }, iter: Iterations * 4);

    [Fact]
    public void Meet_is_the_greatest_lower_bound() =>
        Triples.Sample((a, b, c) =>
        {
            var meet = Lattice.Meet(a, b);
            var lower = Lattice.LessEqual(meet, a) && Lattice.LessEqual(meet, b);
            var greatest = !(Lattice.LessEqual(c, a) && Lattice.LessEqual(c, b)) || Lattice.LessEqual(c, meet);
            return lower && greatest;
        }, iter: Iterations * 4);

    [Fact]
    public void Join_and_Meet_are_commutative() =>
        Pairs.Sample((a, b) =>
            Same(Lattice.Join(a, b), Lattice.Join(b, a)) && Same(Lattice.Meet(a, b), Lattice.Meet(b, a)), iter: Iterations);

    [Fact]
    public void Join_and_Meet_are_associative() =>
        Triples.Sample((a, b, c) =>
            Same(Lattice.Join(Lattice.Join(a, b), c), Lattice.Join(a, Lattice.Join(b, c)))
            && Same(Lattice.Meet(Lattice.Meet(a, b), c), Lattice.Meet(a, Lattice.Meet(b, c))), iter: Iterations);

    [Fact]
    public void Join_and_Meet_are_idempotent() =>
        Times.Sample(a => Same(Lattice.Join(a, a), a) && Same(Lattice.Meet(a, a), a), iter: Iterations);

    [Fact]
    public void Join_and_Meet_absorb_each_other() =>
        Pairs.Sample((a, b) =>
            Same(Lattice.Join(a, Lattice.Meet(a, b)), a) && Same(Lattice.Meet(a, Lattice.Join(a, b)), a), iter: Iterations);

    [Fact]
    public void LessEqual_holds_exactly_when_Join_is_the_larger() =>
        Pairs.Sample((a, b) => Lattice.LessEqual(a, b) == Same(Lattice.Join(a, b), b), iter: Iterations);
}

public sealed class LongLatticeLawTests : LatticeLawTests<long>
{
    private protected override Gen<long> Times => TimeGens.Long;
}

public sealed class IntLatticeLawTests : LatticeLawTests<int>
{
    private protected override Gen<int> Times => TimeGens.Int;
}

public sealed class ProductLatticeLawTests : LatticeLawTests<Product<long, int>>
{
    private protected override Gen<Product<long, int>> Times => TimeGens.Product;
}

public sealed class NestedProductLatticeLawTests : LatticeLawTests<Product<Product<long, int>, int>>
{
    private protected override Gen<Product<Product<long, int>, int>> Times => TimeGens.NestedProduct;
}
