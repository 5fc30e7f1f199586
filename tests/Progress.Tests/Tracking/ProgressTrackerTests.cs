using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Progress.Tracking;
using CsCheck;

namespace AkkaDifferential.Progress.Tests.Tracking;

/// <summary>
/// <see cref="ProgressTracker"/> against the brute-force <see cref="ReachabilityModel"/>: random batches of pointstamp
/// changes on small graphs (a chain, a diamond, a loop, a loop in a nested scope). Within a batch counts may go
/// negative; at the end of each batch they are made non-negative, as the reporting protocol guarantees once every
/// sender's batches have arrived.
/// </summary>
public sealed class ProgressTrackerTests
{
    private const long Iterations = 2_000;

    [Fact]
    public void Chain_frontiers_match_the_model() => CheckAgainstModel(TestGraphs.Chain);

    [Fact]
    public void Diamond_frontiers_match_the_model() => CheckAgainstModel(TestGraphs.Diamond);

    [Fact]
    public void Loop_frontiers_match_the_model() => CheckAgainstModel(TestGraphs.Loop);

    [Fact]
    public void Scoped_loop_frontiers_match_the_model() => CheckAgainstModel(TestGraphs.ScopedLoop);

    [Fact]
    public void A_capability_before_a_loop_reaches_the_feedback_input_one_iteration_later()
    {
        var tracker = new ProgressTracker(TestGraphs.Loop.Graph);
        var changed = tracker.Apply([new(Location.Source(0, 0), new FlatTime([2, 0]), 1)]);
        Assert.Equal(new FlatTime([2, 0]), Assert.Single(tracker.Frontier(Location.Target(1, 0)).Elements));
        Assert.Equal(new FlatTime([2, 1]), Assert.Single(tracker.Frontier(Location.Target(1, 1)).Elements));
        Assert.Equal(new FlatTime([2, 0]), Assert.Single(tracker.Frontier(Location.Target(4, 0)).Elements));
        Assert.Equal(5, changed.Count);
    }

    [Fact]
    public void Times_enter_and_leave_a_scope_with_their_depth()
    {
        var tracker = new ProgressTracker(TestGraphs.ScopedLoop.Graph);
        tracker.Apply([new(Location.Source(0, 0), new FlatTime([5]), 1)]);
        Assert.Equal(new FlatTime([5]), Assert.Single(tracker.Frontier(Location.Target(1, 0)).Elements));
        Assert.Equal(new FlatTime([5, 0]), Assert.Single(tracker.Frontier(Location.Target(2, 0)).Elements));
        Assert.Equal(new FlatTime([5, 1]), Assert.Single(tracker.Frontier(Location.Target(2, 1)).Elements));
        Assert.Equal(new FlatTime([5]), Assert.Single(tracker.Frontier(Location.Target(6, 0)).Elements));
    }

    [Fact]
    public void Dropping_the_last_capability_finishes_every_input()
    {
        var tracker = new ProgressTracker(TestGraphs.Chain.Graph);
        var capability = new PointstampChange(Location.Source(0, 0), new FlatTime([0]), 1);
        tracker.Apply([capability]);
        Assert.False(tracker.IsQuiescent);
        var changed = tracker.Apply([capability with { Delta = -1 }]);
        Assert.True(tracker.IsQuiescent);
        Assert.Equal(3, changed.Count);
        Assert.All(changed, c => Assert.True(c.Frontier.IsEmpty));
    }

    [Fact]
    public void A_change_at_a_location_outside_the_graph_is_refused()
    {
        var tracker = new ProgressTracker(TestGraphs.Chain.Graph);
        var error = Assert.Throws<ArgumentException>(() => tracker.Apply([new(Location.Target(9, 0), new FlatTime([0]), 1)]));
        Assert.Contains("in(9:0)", error.Message);
    }

    [Fact]
    public void A_graph_with_a_channel_to_a_missing_port_is_refused()
    {
        var graph = new ProgressGraph([new("input", 0, 1), new("sink", 1, 0)], [new(Location.Source(0, 0), Location.Target(1, 1))]);
        var error = Assert.Throws<ArgumentException>(() => new ProgressTracker(graph));
        Assert.Contains("in(1:1)", error.Message);
    }

    private static void CheckAgainstModel(TestGraph graph)
    {
        var locations = graph.Locations;
        var change = Gen.Select(Gen.Int[0, locations.Length - 1], Gen.Long[0, 3], Gen.Long[0, 3], Gen.Long[-2, 2], (index, outer, inner, delta) =>
        {
            var location = locations[index];
            long[] coordinates = graph.Depth(location) == 1 ? [outer] : [outer, inner];
            return new PointstampChange(location, new FlatTime(coordinates), delta);
        });
        change.Array[1, 6].Array[1, 8].Sample(batches =>
        {
            var tracker = new ProgressTracker(graph.Graph);
            var counts = new Dictionary<(Location, FlatTime), long>();
            var before = ReachabilityModel.Frontiers(graph, []);
            foreach (var generated in batches)
            {
                var batch = WithNonNegativeTotals(generated, counts);
                var changed = tracker.Apply(batch);
                var positive = counts.Where(c => c.Value > 0).Select(c => c.Key).ToList();
                var after = ReachabilityModel.Frontiers(graph, positive);

                foreach (var target in graph.Targets)
                    if (!NaiveOrder.SameSet(tracker.Frontier(target).Elements, after[target]))
                        Assert.Fail($"{graph}: frontier at {target} is {tracker.Frontier(target)}, expected {{{string.Join(", ", after[target])}}}");
                var expectedChanged = graph.Targets.Where(t => !before[t].SetEquals(after[t])).ToHashSet();
                Assert.True(NaiveOrder.SameSet(changed.Select(c => c.Target).ToList(), expectedChanged), $"{graph}: reported changes");
                Assert.All(changed, c => Assert.True(NaiveOrder.SameSet(c.Frontier.Elements, after[c.Target])));
                Assert.Equal(positive.Count == 0, tracker.IsQuiescent);
                before = after;
            }
        }, iter: Iterations);
    }

    /// <summary>
    /// Applies <paramref name="generated"/> to <paramref name="counts"/>, appending compensating changes for counts
    /// that would end the batch negative; returns the batch as sent to the tracker.
    /// </summary>
    private static List<PointstampChange> WithNonNegativeTotals(PointstampChange[] generated, Dictionary<(Location, FlatTime), long> counts)
    {
        var batch = new List<PointstampChange>(generated);
        foreach (var change in generated)
            counts[(change.Location, change.Time)] = counts.GetValueOrDefault((change.Location, change.Time)) + change.Delta;
        foreach (var ((location, time), count) in counts.Where(c => c.Value < 0).ToList())
        {
            batch.Add(new PointstampChange(location, time, -count));
            counts[(location, time)] = 0;
        }
        return batch;
    }
}
