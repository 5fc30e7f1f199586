using Akka.Actor;
using AkkaDifferential.Progress.Tracking;
using AkkaDifferential.Runtime.Progress;
using Xunit.Abstractions;
using static AkkaDifferential.Runtime.Progress.FrontierProtocol;
using static AkkaDifferential.Runtime.Progress.NodeProgressProtocol;

namespace AkkaDifferential.Runtime.Tests.Progress;

/// <summary>
/// A node's progress agent: one consolidated, sequenced message per flush, kept and resent until acknowledged; the
/// frontier actor applies each (node, sequence) once and in order, holding what follows a gap.
/// </summary>
public sealed class ProgressAgentTests(ITestOutputHelper output) : FrontierActorTestKit(output)
{
    private static readonly TimeSpan ResendAfter = TimeSpan.FromMilliseconds(300);

    [Fact]
    public void Reports_in_the_mailbox_flush_as_one_consolidated_message_per_node_resent_until_acknowledged()
    {
        var frontier = CreateTestProbe();
        var agent = Sys.ActorOf(ProgressAgent.Props(frontier, "node-a", ResendAfter));
        // Two batches of one dataflow, one of another, sent before the agent runs: one flush.
        agent.Tell(new ProgressUpdate(Id("x"), [Change(MapIn, 0, +1), Change(Input, 0, -1)]));
        agent.Tell(new ProgressUpdate(Id("x"), [Change(MapIn, 0, -1), Change(SinkIn, 0, +1)]));
        agent.Tell(new ProgressUpdate(Id("y"), [Change(Input, 0, -1)]));
        var first = frontier.ExpectMsg<NodeProgress>(Timeout);
        Assert.Equal(("node-a", 1L), (first.Node, first.Sequence));
        var x = Assert.Single(first.Updates, u => u.Dataflow == Id("x"));
        // The +1 and -1 at the map's input cancel out.
        Assert.Equal(new[] { Change(Input, 0, -1), Change(SinkIn, 0, +1) }.OrderBy(c => c.Location.ToString()), x.Changes.OrderBy(c => c.Location.ToString()));
        Assert.Equal([Change(Input, 0, -1)], Assert.Single(first.Updates, u => u.Dataflow == Id("y")).Changes);

        // Not acknowledged: resent, the same message with the same sequence.
        var resent = frontier.ExpectMsg<NodeProgress>(Timeout);
        Assert.Same(first, resent);
        agent.Tell(new NodeProgressAck("node-a", 1));
        frontier.ExpectNoMsg(ResendAfter * 2);

        agent.Tell(new ProgressUpdate(Id("x"), [Change(SinkIn, 0, -1)]));
        Assert.Equal(2, frontier.ExpectMsg<NodeProgress>(Timeout).Sequence);
        agent.Tell(new NodeProgressAck("node-a", 2));
        agent.Tell(ProgressAgent.GetUnacked.Instance, TestActor);
        Assert.Empty(ExpectMsg<long[]>(Timeout));
    }

    [Fact]
    public void The_frontier_actor_holds_a_message_after_a_gap_so_that_no_time_passes_early_and_applies_each_once()
    {
        var listener = RegisterChain("gap");
        // Message 1 sends a record to the map at 0 and moves the input's capability to 1; message 2 is the map
        // consuming it. Message 2 arrives first: held, as a lost +1 would otherwise let the map's frontier pass 0.
        var one = new NodeProgress("node-a", 1, [new ProgressUpdate(Id("gap"), [Change(MapIn, 0, +1), Change(Input, 0, -1), Change(Input, 1, +1)])]);
        var two = new NodeProgress("node-a", 2, [new ProgressUpdate(Id("gap"), [Change(MapIn, 0, -1)])]);
        Frontier.Tell(two, TestActor);
        Assert.Equal(0, ExpectMsg<NodeProgressAck>(Timeout).Sequence);
        listener.ExpectNoMsg(Quiet);
        Assert.Equal([0L], CurrentFrontier("gap", MapIn));

        Frontier.Tell(one, TestActor);
        Assert.Equal(2, ExpectMsg<NodeProgressAck>(Timeout).Sequence);
        AssertFrontiers(listener.ExpectMsg<FrontiersAdvanced>(Timeout), "gap", (MapIn, [1]), (SinkIn, [1]));

        // A resend of an applied message changes nothing (applied twice, the map's count would go negative).
        Frontier.Tell(two, TestActor);
        Assert.Equal(2, ExpectMsg<NodeProgressAck>(Timeout).Sequence);
        Frontier.Tell(new NodeProgress("node-a", 3, [new ProgressUpdate(Id("gap"), [Change(MapIn, 1, +1)])]), TestActor);
        Assert.Equal(3, ExpectMsg<NodeProgressAck>(Timeout).Sequence);
        Assert.Equal([1L], CurrentFrontier("gap", MapIn));
    }

    [Fact]
    public void An_agent_in_front_of_the_frontier_actor_delivers_progress_and_is_acknowledged()
    {
        var listener = RegisterChain("through");
        var agent = Sys.ActorOf(ProgressAgent.Props(Frontier, "node-b", ResendAfter));
        agent.Tell(new ProgressUpdate(Id("through"), [Change(Input, 0, -1)]));
        AssertFrontiers(listener.ExpectMsg<FrontiersAdvanced>(Timeout), "through", (MapIn, []), (SinkIn, []));
        AwaitAssert(() =>
        {
            agent.Tell(ProgressAgent.GetUnacked.Instance, TestActor);
            Assert.Empty(ExpectMsg<long[]>(Timeout));
        }, Timeout);
    }
}
