using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Progress.Tests.Tracking;

/// <summary>
/// What <see cref="ProgressTracker"/> refuses: graphs whose summaries are malformed or disagree on the depth of times,
/// and batches with a time of the wrong depth anywhere in a group of locations whose depths the graph ties together.
/// A refused batch changes nothing, not even the depths its first changes would have fixed.
/// </summary>
public sealed class ProgressTrackerValidationTests
{
    private static readonly Location ScopedLoopInput = Location.Source(0, 0);
    private static readonly Location ScopedLoopBody = Location.Target(3, 0);

    [Fact]
    public void A_graph_whose_paths_give_a_location_two_depths_is_refused()
    {
        // input → enter → join.0 and input → join.1: the join's output would have times of one and of two coordinates.
        var graph = new ProgressGraph(
            [new("input", 0, 1), new("enter", 1, 1, [[new PathSummary(0, 1, 0)]]), new("join", 2, 1)],
            [new(Location.Source(0, 0), Location.Target(1, 0)), new(Location.Source(1, 0), Location.Target(2, 0)), new(Location.Source(0, 0), Location.Target(2, 1))]);
        var error = Assert.Throws<ArgumentException>(() => new ProgressTracker(graph));
        Assert.Contains("two depths", error.Message);
    }

    [Fact]
    public void A_negative_summary_is_refused()
    {
        var graph = new ProgressGraph([new("input", 0, 1), new("rewind", 1, 1, [[new PathSummary(0, 0, -1)]])], [new(Location.Source(0, 0), Location.Target(1, 0))]);
        var error = Assert.Throws<ArgumentException>(() => new ProgressTracker(graph));
        Assert.Contains("rewind", error.Message);
        Assert.Contains("negative", error.Message);
    }

    [Fact]
    public void A_summary_table_of_the_wrong_shape_is_refused()
    {
        var graph = new ProgressGraph([new("input", 0, 1), new("split", 1, 2, [[PathSummary.Identity]])], [new(Location.Source(0, 0), Location.Target(1, 0))]);
        var error = Assert.Throws<ArgumentException>(() => new ProgressTracker(graph));
        Assert.Contains("split", error.Message);
    }

    [Fact]
    public void A_channel_from_an_input_port_is_refused()
    {
        var graph = new ProgressGraph([new("input", 0, 1), new("sink", 1, 0)], [new(Location.Target(1, 0), Location.Target(1, 0))]);
        var error = Assert.Throws<ArgumentException>(() => new ProgressTracker(graph));
        Assert.Contains("in(1:0)", error.Message);
    }

    [Fact]
    public void A_time_of_another_depth_than_its_scope_is_refused_at_a_location_not_seen_before()
    {
        var tracker = new ProgressTracker(TestGraphs.Chain.Graph);
        tracker.Apply([new(Location.Source(0, 0), new FlatTime([0]), 1)]);
        var error = Assert.Throws<ArgumentException>(() => tracker.Apply([new(Location.Target(3, 0), new FlatTime([0, 0]), 1)]));
        Assert.Contains("in(3:0)", error.Message);
        Assert.Contains("times there have 1", error.Message);
    }

    [Fact]
    public void A_time_too_short_for_the_scope_it_is_in_is_refused()
    {
        var tracker = new ProgressTracker(TestGraphs.ScopedLoop.Graph);
        var error = Assert.Throws<ArgumentException>(() => tracker.Apply([new(ScopedLoopBody, new FlatTime([4]), 1)]));
        Assert.Contains("in(3:0)", error.Message);
        Assert.Contains("at least 2", error.Message);
        Assert.True(tracker.IsQuiescent);
    }

    [Fact]
    public void A_refused_batch_fixes_no_depth_and_applies_nothing()
    {
        var tracker = new ProgressTracker(TestGraphs.ScopedLoop.Graph);
        // The first change alone would fix the scope's times at three coordinates; the second is outside the graph.
        Assert.Throws<ArgumentException>(() => tracker.Apply([new(ScopedLoopBody, new FlatTime([1, 2, 3]), 1), new(Location.Target(7, 0), new FlatTime([0]), 1)]));
        Assert.True(tracker.IsQuiescent);
        Assert.True(tracker.Frontier(ScopedLoopBody).IsEmpty);

        var changed = tracker.Apply([new(ScopedLoopInput, new FlatTime([1]), 1)]);
        Assert.Contains(changed, c => c.Target == ScopedLoopBody);
        Assert.Equal(new FlatTime([1, 0]), Assert.Single(tracker.Frontier(ScopedLoopBody).Elements));
    }

    [Fact]
    public void Frontiers_are_kept_for_input_ports_only()
    {
        var tracker = new ProgressTracker(TestGraphs.Chain.Graph);
        var error = Assert.Throws<ArgumentException>(() => tracker.Frontier(Location.Source(1, 0)));
        Assert.Contains("out(1:0)", error.Message);
    }

    [Fact]
    public void A_count_negative_across_batches_holds_nothing_back_until_its_send_arrives()
    {
        var tracker = new ProgressTracker(TestGraphs.Chain.Graph);
        var mapIn = Location.Target(1, 0);
        Assert.Empty(tracker.Apply([new(mapIn, new FlatTime([2]), -1)]));
        Assert.True(tracker.IsQuiescent);
        Assert.Empty(tracker.Apply([new(mapIn, new FlatTime([2]), +1)]));
        Assert.True(tracker.IsQuiescent);
    }
}
