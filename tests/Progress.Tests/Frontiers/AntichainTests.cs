using CsCheck;

namespace AkkaDifferential.Progress.Tests.Frontiers;

/// <summary>
/// <see cref="Antichain{T}"/> against a brute-force model: the minimal elements of every time inserted so far.
/// Product times with coordinates in 0..5 make equal, comparable and incomparable pairs all common.
/// </summary>
public sealed class AntichainTests
{
    private const long Iterations = 3_000;

    private static readonly Gen<Product<long, int>> Time =
        Gen.Select(Gen.Long[0, 5], Gen.Int[0, 5], (outer, inner) => new Product<long, int>(outer, inner));

    private static readonly Gen<Product<long, int>[]> Times = Time.Array[0, 25];

    /// <summary>Every time with coordinates in 0..6: probes on both sides of every generated element.</summary>
    private static readonly Product<long, int>[] Grid =
        [.. from outer in Enumerable.Range(0, 7) from inner in Enumerable.Range(0, 7) select new Product<long, int>(outer, inner)];

    [Fact]
    public void Insert_keeps_the_minimal_elements_and_reports_exactly_when_they_change() =>
        Times.Sample(times =>
        {
            var antichain = new Antichain<Product<long, int>>();
            var inserted = new List<Product<long, int>>();
            var before = NaiveOrder.Minimal(inserted);
            foreach (var time in times)
            {
                var changed = antichain.Insert(time);
                inserted.Add(time);
                var after = NaiveOrder.Minimal(inserted);
                Assert.Equal(!before.SetEquals(after), changed);
                if (!NaiveOrder.SameSet(antichain.Elements, after))
                    Assert.Fail($"{antichain} after inserting {time}");
                Assert.Equal(after.Count == 0, antichain.IsEmpty);
                before = after;
            }
        }, iter: Iterations);

    [Fact]
    public void LessEqual_and_LessThan_agree_with_the_inserted_times() =>
        Times.Sample(times =>
        {
            var antichain = new Antichain<Product<long, int>>(times);
            foreach (var probe in Grid)
            {
                Assert.Equal(times.Any(t => Lattice.LessEqual(t, probe)), antichain.LessEqual(probe));
                Assert.Equal(times.Any(t => Lattice.LessThan(t, probe)), antichain.LessThan(probe));
            }
        }, iter: Iterations);

    [Fact]
    public void Join_holds_the_times_in_advance_of_both() =>
        Gen.Select(Times, Times).Sample((a, b) =>
        {
            var join = Antichain<Product<long, int>>.Join(new(a), new(b));
            foreach (var probe in Grid)
                Assert.Equal(a.Any(t => Lattice.LessEqual(t, probe)) && b.Any(t => Lattice.LessEqual(t, probe)), join.LessEqual(probe));
        }, iter: Iterations);

    [Fact]
    public void Dominates_agrees_with_the_inserted_times() =>
        Gen.Select(Times, Times).Sample((a, b) =>
        {
            var expected = b.All(y => a.Any(x => Lattice.LessEqual(x, y)));
            return new Antichain<Product<long, int>>(a).Dominates(new Antichain<Product<long, int>>(b)) == expected;
        }, iter: Iterations);

    [Fact]
    public void Equality_is_set_equality_whatever_the_insertion_order() =>
        Gen.Select(Times, Times).Sample((a, b) =>
        {
            var forward = new Antichain<Product<long, int>>(a);
            var backward = new Antichain<Product<long, int>>(a.Reverse());
            var other = new Antichain<Product<long, int>>(b);
            Assert.True(forward.Equals(backward));
            Assert.Equal(forward.GetHashCode(), backward.GetHashCode());
            Assert.Equal(NaiveOrder.Minimal(a).SetEquals(NaiveOrder.Minimal(b)), forward.Equals(other));
        }, iter: Iterations);

    [Fact]
    public void The_empty_antichain_holds_back_nothing()
    {
        var empty = new Antichain<long>();
        Assert.True(empty.IsEmpty);
        Assert.False(empty.LessEqual(0));
        Assert.False(empty.LessThan(long.MaxValue));
        Assert.False(empty.Dominates(Antichain<long>.From(3)));
        Assert.True(Antichain<long>.From(3).Dominates(empty));
    }
}
