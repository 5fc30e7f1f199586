using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Progress.Tracking;
using CsCheck;

namespace AkkaDifferential.Progress.Tests.Tracking;

/// <summary>
/// <see cref="ProgressTracker"/> against the brute-force <see cref="ReachabilityModel"/>: random batches of pointstamp
/// changes on small graphs (a chain, a diamond, a loop, a loop in a nested scope). Within a batch counts may go
/// negative; at the end of each batch they are made non-negative, as the reporting protocol guarantees once every
/// sender's batches have arrived. And against the <see cref="RecomputingTracker"/> on random graphs with loops and
/// nested scopes, with counts left negative across batches, batches coalesced and malformed batches refused.
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
    public void Queued_counts_the_messages_at_inputs_whatever_their_times_and_not_the_capabilities()
    {
        var tracker = new ProgressTracker(TestGraphs.Chain.Graph);
        tracker.Apply([new(Location.Source(0, 0), new FlatTime([0]), 1), new(Location.Source(1, 0), new FlatTime([4]), 2)]);
        Assert.Equal(0, tracker.Queued);
        tracker.Apply([new(Location.Target(1, 0), new FlatTime([0]), 3), new(Location.Target(2, 0), new FlatTime([7]), 2), new(Location.Target(3, 0), new FlatTime([1]), 1)]);
        Assert.Equal(6, tracker.Queued);
        // A consumption may be reported before its message: the count dips, and recovers when the send arrives.
        tracker.Apply([new(Location.Target(3, 0), new FlatTime([2]), -1), new(Location.Target(1, 0), new FlatTime([0]), -3)]);
        Assert.Equal(2, tracker.Queued);
        Assert.Throws<ArgumentException>(() => tracker.Apply([new(Location.Target(2, 0), new FlatTime([7]), -2), new(Location.Target(9, 0), new FlatTime([0]), 1)]));
        Assert.Equal(2, tracker.Queued);
        tracker.Apply([new(Location.Target(2, 0), new FlatTime([7]), -2), new(Location.Target(3, 0), new FlatTime([1]), -1), new(Location.Target(3, 0), new FlatTime([2]), 1)]);
        Assert.Equal(0, tracker.Queued);
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

    [Fact]
    public void Random_graphs_frontiers_match_recomputation() =>
        RandomGraphs.Graph
            .SelectMany(graph => Step(graph).Array[1, 12].Select(steps => (graph, steps)))
            .Sample((graph, steps) => CheckAgainstRecomputation(graph, steps), iter: Iterations);

    /// <summary>
    /// One batch of a random run: its changes; whether counts that would end it negative are compensated in it
    /// (otherwise they stay negative until a later batch, as when a consumption is reported before its send); whether
    /// frontiers are taken after it (otherwise it is coalesced with the next, as the frontier actor does); and
    /// whether a malformed change is appended (1: an unknown location, 2: a time of the wrong depth), which must
    /// refuse the whole batch.
    /// </summary>
    private sealed record RunStep(PointstampChange[] Changes, bool Settle, bool Take, int Malformed)
    {
        public override string ToString() => $"[{string.Join(", ", Changes)}] settle {Settle} take {Take} malformed {Malformed}";
    }

    private static Gen<RunStep> Step(TestGraph graph)
    {
        var locations = graph.Locations;
        var change = Gen.Select(Gen.Int[0, locations.Length - 1], Gen.Long[0, 3].Array[4], Gen.Long[-2, 2], (index, coordinates, delta) =>
        {
            var location = locations[index];
            return new PointstampChange(location, new FlatTime(coordinates[..graph.Depth(location)]), delta);
        });
        return Gen.Select(change.Array[1, 8], Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, 15], (changes, settle, take, malformed) =>
            new RunStep(changes, settle > 0, take > 0, malformed switch { 0 => 1, 1 => 2, _ => 0 }));
    }

    /// <summary>
    /// Runs <paramref name="steps"/> through the tracker and the <see cref="RecomputingTracker"/>, then drains every
    /// count; whenever frontiers are taken, both report the same changes and hold the same frontier at every input.
    /// </summary>
    private static void CheckAgainstRecomputation(TestGraph graph, RunStep[] steps)
    {
        var tracker = new ProgressTracker(graph.Graph);
        var model = new RecomputingTracker(graph);
        var counts = new Dictionary<(Location, FlatTime), long>();
        var used = new List<PointstampChange>();
        foreach (var step in steps)
        {
            if (step.Malformed != 0 && (step.Malformed == 1 || used.Count > 0))
            {
                var bad = step.Malformed == 1
                    ? new PointstampChange(Location.Target(graph.Graph.Operators.Count, 0), new FlatTime([0]), 1)
                    : used[^1] with { Time = new FlatTime([.. used[^1].Time.Coordinates, 0]) };
                Assert.Throws<ArgumentException>(() => tracker.Update([.. step.Changes, bad]));
            }
            List<PointstampChange> batch;
            if (step.Settle)
            {
                batch = WithNonNegativeTotals(step.Changes, counts);
            }
            else
            {
                batch = [.. step.Changes];
                foreach (var change in batch)
                    counts[(change.Location, change.Time)] = counts.GetValueOrDefault((change.Location, change.Time)) + change.Delta;
            }
            used.AddRange(batch);
            tracker.Update(batch);
            model.Update(batch);
            if (step.Take)
                AssertSame(graph, tracker, model);
        }
        var drain = counts.Where(c => c.Value != 0).Select(c => new PointstampChange(c.Key.Item1, c.Key.Item2, -c.Value)).ToList();
        tracker.Update(drain);
        model.Update(drain);
        AssertSame(graph, tracker, model);
        Assert.True(tracker.IsQuiescent, $"{graph}: not quiescent after every count was drained");
        Assert.All(graph.Targets, target => Assert.True(tracker.Frontier(target).IsEmpty));
    }

    private static void AssertSame(TestGraph graph, ProgressTracker tracker, RecomputingTracker model)
    {
        var changed = tracker.Recompute();
        var expected = model.Recompute();
        var actual = changed.ToDictionary(c => c.Target, c => c.Frontier);
        if (actual.Count != changed.Count)
            Assert.Fail($"{graph}: a port reported twice");
        foreach (var (target, frontier) in expected)
        {
            if (!actual.Remove(target, out var reported))
                Assert.Fail($"{graph}: {target} moved to {frontier} and was not reported");
            if (!NaiveOrder.SameSet(reported.Elements, [.. frontier.Elements]))
                Assert.Fail($"{graph}: {target} reported as {reported}, expected {frontier}");
        }
        if (actual.Count > 0)
            Assert.Fail($"{graph}: reported without a change: {string.Join(", ", actual.Keys)}");
        foreach (var target in graph.Targets)
            if (!NaiveOrder.SameSet(tracker.Frontier(target).Elements, [.. model.Frontier(target).Elements]))
                Assert.Fail($"{graph}: frontier at {target} is {tracker.Frontier(target)}, expected {model.Frontier(target)}");
        Assert.Equal(model.IsQuiescent, tracker.IsQuiescent);
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
