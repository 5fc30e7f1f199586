using AkkaDifferential.Progress.Frontiers;
using CsCheck;

namespace AkkaDifferential.Progress.Tests.Frontiers;

/// <summary>
/// <see cref="MutableAntichain{T}"/> against a brute-force model: a dictionary of counts whose frontier is the set of
/// minimal times with a positive count. Deltas in -2..2 make counts go negative for a while, as they do when a
/// consumption is reported before the matching send.
/// </summary>
public sealed class MutableAntichainTests
{
    private const long Iterations = 3_000;

    private static readonly Gen<(Product<long, int> Time, long Delta)> Change = Gen.Select(
        Gen.Select(Gen.Long[0, 3], Gen.Int[0, 3], (outer, inner) => new Product<long, int>(outer, inner)),
        Gen.Long[-2, 2]);

    private static readonly Product<long, int>[] Grid =
        [.. from outer in Enumerable.Range(0, 4) from inner in Enumerable.Range(0, 4) select new Product<long, int>(outer, inner)];

    [Fact]
    public void Grouped_updates_agree_with_the_model() =>
        Change.Array[1, 6].Array[1, 12].Sample(groups =>
        {
            var antichain = new MutableAntichain<Product<long, int>>();
            var model = new Model();
            foreach (var group in groups)
            {
                var before = model.Frontier();
                foreach (var (time, delta) in group)
                    model.Apply(time, delta);
                var changed = antichain.Update(group);
                model.AssertMatches(antichain, before, changed);
            }
        }, iter: Iterations);

    [Fact]
    public void Single_updates_agree_with_the_model() =>
        Change.Array[1, 40].Sample(changes =>
        {
            var antichain = new MutableAntichain<Product<long, int>>();
            var model = new Model();
            foreach (var (time, delta) in changes)
            {
                var before = model.Frontier();
                model.Apply(time, delta);
                model.AssertMatches(antichain, before, antichain.Update(time, delta));
            }
        }, iter: Iterations);

    [Fact]
    public void Deferred_updates_report_what_left_and_entered_the_frontier() =>
        Change.Array[1, 6].Array[1, 12].Sample(groups =>
        {
            var antichain = new MutableAntichain<Product<long, int>>();
            var model = new Model();
            var changes = new List<(Product<long, int> Time, long Delta)>();
            foreach (var group in groups)
            {
                var before = model.Frontier();
                var owed = 0;
                foreach (var (time, delta) in group)
                {
                    model.Apply(time, delta);
                    if (antichain.UpdateDeferred(time, delta))
                        owed++;
                }
                var after = model.Frontier();
                Assert.True(owed <= 1, "a rebuild owed more than once");
                if (owed == 0)
                    Assert.True(before.SetEquals(after), "the frontier moved without a rebuild owed");
                changes.Clear();
                var changed = antichain.Rebuild(changes);
                Assert.True(NaiveOrder.SameSet([.. changes.Where(c => c.Delta == -1).Select(c => c.Time)], [.. before.Except(after)]), "left");
                Assert.True(NaiveOrder.SameSet([.. changes.Where(c => c.Delta == +1).Select(c => c.Time)], [.. after.Except(before)]), "entered");
                Assert.Equal(changes.Count, changes.Count(c => c.Delta is -1 or +1));
                model.AssertMatches(antichain, before, changed);
            }
        }, iter: Iterations);

    [Fact]
    public void The_frontier_is_one_object_until_it_changes()
    {
        var antichain = new MutableAntichain<long>();
        antichain.Update(3, +1);
        var frontier = antichain.Frontier;
        antichain.Update(5, +1);
        antichain.Update(3, +1);
        Assert.Same(frontier, antichain.Frontier);
        antichain.Update(3, -2);
        Assert.Equal([3L], frontier.Elements);
        Assert.Equal([5L], antichain.Frontier.Elements);
    }

    [Fact]
    public void A_consumption_before_its_send_never_shows_in_the_frontier()
    {
        var antichain = new MutableAntichain<long>();
        Assert.False(antichain.Update(5, -1));
        Assert.True(antichain.Frontier.IsEmpty);
        Assert.Equal(-1, antichain.Count(5));
        Assert.False(antichain.IsEmpty);
        Assert.False(antichain.Update(5, +1));
        Assert.True(antichain.Frontier.IsEmpty);
        Assert.True(antichain.IsEmpty);
    }

    private sealed class Model
    {
        private readonly Dictionary<Product<long, int>, long> counts = [];

        public void Apply(Product<long, int> time, long delta) => counts[time] = counts.GetValueOrDefault(time) + delta;

        public HashSet<Product<long, int>> Frontier() => NaiveOrder.Minimal(counts.Where(c => c.Value > 0).Select(c => c.Key));

        public void AssertMatches(MutableAntichain<Product<long, int>> antichain, HashSet<Product<long, int>> before, bool changed)
        {
            var after = Frontier();
            if (!NaiveOrder.SameSet(antichain.Frontier.Elements, after))
                Assert.Fail($"frontier {antichain.Frontier}, expected {{{string.Join(", ", after)}}}");
            Assert.Equal(!before.SetEquals(after), changed);
            foreach (var time in Grid)
                Assert.Equal(counts.GetValueOrDefault(time), antichain.Count(time));
            Assert.Equal(counts.Values.All(c => c == 0), antichain.IsEmpty);
        }
    }
}
