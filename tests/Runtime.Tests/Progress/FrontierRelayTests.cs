using Akka.Actor;
using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Progress.Tracking;
using AkkaDifferential.Runtime.Progress;
using Xunit.Abstractions;
using static AkkaDifferential.Runtime.Progress.FrontierProtocol;
using static AkkaDifferential.Runtime.Progress.NodeProgressProtocol;

namespace AkkaDifferential.Runtime.Tests.Progress;

/// <summary>
/// A node's frontier relay gives each observer on its node its run of a publication's changes; the frontier actor
/// acknowledges a node's flushes of one interval once, with the highest sequence applied.
/// </summary>
public sealed class FrontierRelayTests(ITestOutputHelper output) : FrontierActorTestKit(output)
{
    [Fact]
    public void The_relay_gives_each_observer_its_run_of_the_changes()
    {
        var relay = Sys.ActorOf(FrontierRelay.Props());
        var mapAtBucket0 = CreateTestProbe();
        var mapAtBucket1 = CreateTestProbe();
        var sink = CreateTestProbe();
        TargetFrontier[] frontiers = [new(MapIn, [new FlatTime([3])]), new(SinkIn, [new FlatTime([1])]), new(Location.Target(2, 1), [])];

        relay.Tell(new RelayedFrontiers(Id("relayed"), frontiers, [new(mapAtBucket0, 0, 1), new(mapAtBucket1, 0, 1), new(sink, 1, 3)]));

        foreach (var map in new[] { mapAtBucket0, mapAtBucket1 })
            AssertFrontiers(map.ExpectMsg<FrontiersAdvanced>(Timeout), "relayed", (MapIn, [3]));
        var atSink = sink.ExpectMsg<FrontiersAdvanced>(Timeout);
        Assert.Equal(Id("relayed"), atSink.Dataflow);
        Assert.Equal([SinkIn, Location.Target(2, 1)], atSink.Frontiers.Select(f => f.Target));
        Assert.Empty(atSink.Frontiers[1].Frontier);
        mapAtBucket0.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void The_flushes_of_a_node_within_the_interval_are_acknowledged_once_with_the_highest_sequence()
    {
        var listener = CreateTestProbe();
        Register("acks", Chain, listener, Input);
        for (var sequence = 1; sequence <= 5; sequence++)
            Frontier.Tell(new NodeProgress("node-a", sequence, [new ProgressUpdate(Id("acks"), [Change(MapIn, sequence, +1)])]), TestActor);
        Frontier.Tell(new NodeProgress("node-b", 1, [new ProgressUpdate(Id("acks"), [Change(SinkIn, 0, +1)])]), TestActor);

        var acks = new[] { ExpectMsg<NodeProgressAck>(Timeout), ExpectMsg<NodeProgressAck>(Timeout) };
        Assert.Equal([("node-a", 5L), ("node-b", 1L)], acks.Select(a => (a.Node, a.Sequence)).Order());
        ExpectNoMsg(FrontierActor.AckInterval * 3);

        // A later flush gets an acknowledgement of its own.
        Frontier.Tell(new NodeProgress("node-a", 6, [new ProgressUpdate(Id("acks"), [Change(MapIn, 6, +1)])]), TestActor);
        Assert.Equal(("node-a", 6L), ExpectMsg<NodeProgressAck>(Timeout) is var ack ? (ack.Node, ack.Sequence) : default);
    }
}
