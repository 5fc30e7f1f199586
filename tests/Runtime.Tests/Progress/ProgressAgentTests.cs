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
    private static readonly Guid FrontierA = Guid.NewGuid();
    private static readonly Guid FrontierB = Guid.NewGuid();

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
        agent.Tell(new NodeProgressAck("node-a", 1, FrontierA));
        frontier.ExpectNoMsg(ResendAfter * 2);

        agent.Tell(new ProgressUpdate(Id("x"), [Change(SinkIn, 0, -1)]));
        Assert.Equal(2, frontier.ExpectMsg<NodeProgress>(Timeout).Sequence);
        agent.Tell(new NodeProgressAck("node-a", 2, FrontierA));
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

    [Fact]
    public void A_new_frontier_incarnation_has_the_agent_number_what_is_unacknowledged_from_one_again()
    {
        var frontier = CreateTestProbe();
        var agent = Sys.ActorOf(ProgressAgent.Props(frontier, "node-a", TimeSpan.FromMinutes(1)));
        agent.Tell(new ProgressUpdate(Id("x"), [Change(Input, 0, -1)]));
        var first = frontier.ExpectMsg<NodeProgress>(Timeout);
        Assert.Equal((1L, Guid.Empty), (first.Sequence, first.Frontier));
        // The first frontier actor to answer adopts the numbering.
        agent.Tell(new NodeProgressAck("node-a", 1, FrontierA));
        agent.Tell(new ProgressUpdate(Id("x"), [Change(MapIn, 0, +1)]));
        var second = frontier.ExpectMsg<NodeProgress>(Timeout);
        agent.Tell(new ProgressUpdate(Id("x"), [Change(MapIn, 0, -1)]));
        var third = frontier.ExpectMsg<NodeProgress>(Timeout);
        Assert.Equal([(2L, FrontierA), (3L, FrontierA)], new[] { (second.Sequence, second.Frontier), (third.Sequence, third.Frontier) });

        // Frontier B started afresh (the singleton moved) and knows nothing of A's numbering: the agent numbers the
        // unacknowledged messages from 1 for B, in their order, with their updates.
        agent.Tell(new Resynchronize(FrontierB));
        var renumbered = new[] { frontier.ExpectMsg<NodeProgress>(Timeout), frontier.ExpectMsg<NodeProgress>(Timeout) };
        Assert.Equal([(1L, FrontierB), (2L, FrontierB)], renumbered.Select(m => (m.Sequence, m.Frontier)));
        Assert.Same(second.Updates, renumbered[0].Updates);
        Assert.Same(third.Updates, renumbered[1].Updates);

        // A second answer from B (to a message sent before the first) and a late acknowledgement from A change nothing.
        agent.Tell(new Resynchronize(FrontierB));
        agent.Tell(new NodeProgressAck("node-a", 3, FrontierA));
        frontier.ExpectNoMsg(Quiet);
        agent.Tell(ProgressAgent.GetUnacked.Instance, TestActor);
        Assert.Equal([1L, 2L], ExpectMsg<long[]>(Timeout));
        agent.Tell(new NodeProgressAck("node-a", 2, FrontierB));
        agent.Tell(ProgressAgent.GetUnacked.Instance, TestActor);
        Assert.Empty(ExpectMsg<long[]>(Timeout));
    }

    [Fact]
    public void A_frontier_actor_refuses_a_message_numbered_for_another_incarnation_and_applies_the_renumbered_one_once()
    {
        var listener = RegisterChain("moved");
        // An agent's first message is adopted, whatever its number's history: the ack names this incarnation.
        Frontier.Tell(new NodeProgress("node-a", 1, [new ProgressUpdate(Id("moved"), [Change(MapIn, 0, +1), Change(Input, 0, -1), Change(Input, 1, +1)])]), TestActor);
        var ack = ExpectMsg<NodeProgressAck>(Timeout);
        Assert.Equal(1, ack.Sequence);
        listener.ExpectNoMsg(Quiet);

        // Numbered for another incarnation: not applied, and the agent is asked to number again for this one.
        Frontier.Tell(new NodeProgress("node-b", 57, [new ProgressUpdate(Id("moved"), [Change(MapIn, 0, -1)])], FrontierA), TestActor);
        Assert.Equal(ack.Frontier, ExpectMsg<Resynchronize>(Timeout).Frontier);
        listener.ExpectNoMsg(Quiet);
        Assert.Equal([0L], CurrentFrontier("moved", MapIn));

        var renumbered = new NodeProgress("node-b", 1, [new ProgressUpdate(Id("moved"), [Change(MapIn, 0, -1)])], ack.Frontier);
        Frontier.Tell(renumbered, TestActor);
        var applied = ExpectMsg<NodeProgressAck>(Timeout);
        Assert.Equal((1L, ack.Frontier), (applied.Sequence, applied.Frontier));
        AssertFrontiers(listener.ExpectMsg<FrontiersAdvanced>(Timeout), "moved", (MapIn, [1]), (SinkIn, [1]));
        Frontier.Tell(renumbered, TestActor);
        ExpectMsg<NodeProgressAck>(Timeout);
        Assert.Equal([1L], CurrentFrontier("moved", MapIn));
    }
}
