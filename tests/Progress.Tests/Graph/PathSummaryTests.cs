using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Progress.Tests.Graph;

/// <summary>How a path summary moves a flattened time: leave a scope, enter one, go around a loop.</summary>
public sealed class PathSummaryTests
{
    [Fact]
    public void The_identity_leaves_a_time_unchanged()
    {
        var time = new FlatTime([3, 4]);
        Assert.True(PathSummary.Identity.IsIdentity);
        Assert.Equal(time, PathSummary.Identity.Apply(time));
    }

    [Fact]
    public void Entering_a_scope_appends_a_zero_coordinate() =>
        Assert.Equal(new FlatTime([3, 0]), new PathSummary(0, 1, 0).Apply(new FlatTime([3])));

    [Fact]
    public void Leaving_a_scope_drops_the_inner_coordinate() =>
        Assert.Equal(new FlatTime([3]), new PathSummary(1, 0, 0).Apply(new FlatTime([3, 7])));

    [Fact]
    public void A_feedback_edge_increments_the_innermost_coordinate() =>
        Assert.Equal(new FlatTime([3, 8]), new PathSummary(0, 0, 1).Apply(new FlatTime([3, 7])));

    [Fact]
    public void A_summary_does_not_change_the_time_it_is_applied_to()
    {
        var coordinates = new long[] { 3, 7 };
        _ = new PathSummary(0, 0, 1).Apply(new FlatTime(coordinates));
        Assert.Equal([3L, 7L], coordinates);
    }
}
