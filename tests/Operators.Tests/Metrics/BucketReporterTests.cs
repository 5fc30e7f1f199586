using Akka.TestKit.Xunit2;
using AkkaDifferential.Operators.Metrics;

namespace AkkaDifferential.Operators.Tests.Metrics;

/// <summary>
/// A bucket's reports to its owner, with test probes for its instances and its owner: one report per round once every
/// instance asked has answered, none while nothing changed, an instance busy with an earlier round not asked again
/// nor holding the others back, and an asked-for report named by its request once every instance answered it.
/// </summary>
public sealed class BucketReporterTests : TestKit
{
    private static readonly DataflowId Dataflow = DataflowId.New("reported");

    [Fact]
    public void A_round_is_reported_once_all_have_answered_and_only_when_something_changed()
    {
        var (reporter, self, owner, a, b) = Create();
        reporter.Tick(self);
        Assert.Equal(1, a.ExpectMsg<MetricsProtocol.Collect>().Round);
        Assert.Equal(1, b.ExpectMsg<MetricsProtocol.Collect>().Round);
        reporter.Received(new MetricsProtocol.Collected(1, [Figures(0, 5)]), a.Ref, self);
        owner.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        reporter.Received(new MetricsProtocol.Collected(1, [Figures(1, 3), Figures(2, 3)]), b.Ref, self);
        var report = owner.ExpectMsg<MetricsProtocol.BucketReport>();
        Assert.Equal((Dataflow, 7, "member", 0L), (report.Dataflow, report.Bucket, report.Member, report.Request));
        Assert.Equal([(0, 5L), (1, 3L), (2, 3L)], report.Operators.Select(f => (f.Operator, f.RecordsIn)));

        // Nothing changed (both answer null): no report.
        reporter.Tick(self);
        reporter.Received(new MetricsProtocol.Collected(a.ExpectMsg<MetricsProtocol.Collect>().Round, null), a.Ref, self);
        reporter.Received(new MetricsProtocol.Collected(b.ExpectMsg<MetricsProtocol.Collect>().Round, null), b.Ref, self);
        owner.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_busy_instance_is_not_asked_again_and_the_others_figures_still_arrive()
    {
        var (reporter, self, owner, a, b) = Create();
        reporter.Tick(self);
        a.ExpectMsg<MetricsProtocol.Collect>();
        b.ExpectMsg<MetricsProtocol.Collect>();
        // b is busy: it does not answer round 1. a answers, but the round is open.
        reporter.Received(new MetricsProtocol.Collected(1, [Figures(0, 1)]), a.Ref, self);
        owner.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        reporter.Tick(self);
        Assert.Equal(2, a.ExpectMsg<MetricsProtocol.Collect>().Round);
        b.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        reporter.Received(new MetricsProtocol.Collected(2, [Figures(0, 4)]), a.Ref, self);
        Assert.Equal([(0, 4L)], owner.ExpectMsg<MetricsProtocol.BucketReport>().Operators.Select(f => (f.Operator, f.RecordsIn)));

        // Asked for a report, b is asked too, and the report waits for its answer to the request.
        reporter.Requested(9, self);
        Assert.Equal(3, a.ExpectMsg<MetricsProtocol.Collect>().Round);
        Assert.Equal(3, b.ExpectMsg<MetricsProtocol.Collect>().Round);
        reporter.Received(new MetricsProtocol.Collected(3, null), a.Ref, self);
        reporter.Received(new MetricsProtocol.Collected(1, [Figures(1, 2)]), b.Ref, self);
        owner.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        reporter.Received(new MetricsProtocol.Collected(3, [Figures(1, 6)]), b.Ref, self);
        var report = owner.ExpectMsg<MetricsProtocol.BucketReport>();
        Assert.Equal(9, report.Request);
        Assert.Equal([(0, 4L), (1, 6L)], report.Operators.Select(f => (f.Operator, f.RecordsIn)));
    }

    [Fact]
    public void An_operator_counted_by_two_instances_is_reported_as_their_sum()
    {
        var (reporter, self, owner, a, b) = Create();
        reporter.Requested(1, self);
        a.ExpectMsg<MetricsProtocol.Collect>();
        b.ExpectMsg<MetricsProtocol.Collect>();
        // Operator 1 runs in its own actor (b) and fused into a's activations.
        var held = new ArrangementSize(2, 3, 1, 4, "reader");
        reporter.Received(new MetricsProtocol.Collected(1, [Figures(0, 5), Figures(1, 5) with { Frontier = [new([2])], Arrangement = held }]), a.Ref, self);
        reporter.Received(new MetricsProtocol.Collected(1, [Figures(1, 2) with { Frontier = [new([1])], Arrangement = new ArrangementSize(1, 1, 1) }]), b.Ref, self);
        var both = owner.ExpectMsg<MetricsProtocol.BucketReport>().Operators[1];
        Assert.Equal((7L, 2L, 7L, 2L), (both.RecordsIn, both.BatchesIn, both.RecordsOut, both.BatchesOut));
        Assert.Equal(new ArrangementSize(3, 4, 2, 4, "reader"), both.Arrangement);
        Assert.Equal([1L], both.Frontier!.Select(t => t.Coordinates[0]));
    }

    private (BucketReporter Reporter, Akka.Actor.IActorRef Self, Akka.TestKit.TestProbe Owner, Akka.TestKit.TestProbe A, Akka.TestKit.TestProbe B) Create()
    {
        var owner = CreateTestProbe();
        var a = CreateTestProbe();
        var b = CreateTestProbe();
        return (new BucketReporter(Dataflow, 7, "member", owner.Ref, [a.Ref, b.Ref]), CreateTestProbe().Ref, owner, a, b);
    }

    private static OperatorFigures Figures(int op, long records) => new(op, records, 1, records, 1, null, null);
}
