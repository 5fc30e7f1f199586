using AkkaDifferential.Progress.Graph;
using Xunit.Abstractions;
using static AkkaDifferential.Runtime.Progress.FrontierProtocol;

namespace AkkaDifferential.Runtime.Tests.Progress;

/// <summary>
/// Reports from different operators may reach the frontier actor in any order, so counts go negative or cancel for
/// a while. A time must never be released early: the sender's older pointstamp upstream still holds it back.
/// </summary>
public sealed class FrontierActorOutOfOrderTests(ITestOutputHelper output) : FrontierActorTestKit(output)
{
    [Fact]
    public void A_consumption_reported_before_its_send_releases_no_time_early()
    {
        var listener = RegisterChain("overtaken");

        // The map's batch overtakes the input's: it consumed a message at time 0 that the actor has not heard of.
        Report("overtaken", Change(MapIn, 0, -1), Change(SinkIn, 0, +1));
        listener.ExpectNoMsg(Quiet);
        Assert.Equal([0L], CurrentFrontier("overtaken", MapIn));
        Assert.Equal([0L], CurrentFrontier("overtaken", SinkIn));

        // The input's batch arrives: the send, and its capability moving from 0 to 1. The map's input may pass 0;
        // the sink's may not, as the message the map sent is still unconsumed.
        Report("overtaken", Change(MapIn, 0, +1), Change(Input, 0, -1), Change(Input, 1, +1));
        AssertFrontiers(listener.ExpectMsg<FrontiersAdvanced>(Timeout), "overtaken", (MapIn, [1]));
        listener.ExpectNoMsg(Quiet);
        Assert.Equal([0L], CurrentFrontier("overtaken", SinkIn));

        Report("overtaken", Change(SinkIn, 0, -1));
        AssertFrontiers(listener.ExpectMsg<FrontiersAdvanced>(Timeout), "overtaken", (SinkIn, [1]));
    }

    [Fact]
    public void Counts_from_two_producers_that_cancel_for_a_while_release_no_time_early()
    {
        // Inputs A (op 0) and B (op 1) both send to the merge (op 2), which sends to the sink (op 3).
        var a = Location.Source(0, 0);
        var b = Location.Source(1, 0);
        var merge = Location.Target(2, 0);
        var sink = Location.Target(3, 0);
        var graph = new ProgressGraph(
            [new("a", 0, 1), new("b", 0, 1), new("merge", 1, 1), new("sink", 1, 0)],
            [new(a, merge), new(b, merge), new(Location.Source(2, 0), sink)]);
        var listener = CreateTestProbe();
        Register("merge", graph, listener, a, b);
        AssertFrontiers(listener.ExpectMsg<FrontiersAdvanced>(Timeout), "merge", (merge, [0]), (sink, [0]));

        // The merge reports consuming A's message (and sending one on) before A reports sending it: count -1 at 0.
        Report("merge", Change(merge, 0, -1), Change(sink, 0, +1));
        // B reports its own send at 0 and moves its capability to 1: the count at the merge is 0 for a while,
        // but A's capability at 0 still holds the merge back.
        Report("merge", Change(merge, 0, +1), Change(b, 0, -1), Change(b, 1, +1));
        listener.ExpectNoMsg(Quiet);
        Assert.Equal([0L], CurrentFrontier("merge", merge));
        Assert.Equal([0L], CurrentFrontier("merge", sink));

        // A's report arrives: now B's message at 0 is the one still waiting at the merge.
        Report("merge", Change(merge, 0, +1), Change(a, 0, -1), Change(a, 1, +1));
        listener.ExpectNoMsg(Quiet);
        Assert.Equal([0L], CurrentFrontier("merge", merge));

        // The merge consumes B's message: its input passes 0; the sink still has two messages at 0 to consume.
        Report("merge", Change(merge, 0, -1), Change(sink, 0, +1));
        AssertFrontiers(listener.ExpectMsg<FrontiersAdvanced>(Timeout), "merge", (merge, [1]));
        listener.ExpectNoMsg(Quiet);

        Report("merge", Change(sink, 0, -2));
        AssertFrontiers(listener.ExpectMsg<FrontiersAdvanced>(Timeout), "merge", (sink, [1]));
    }
}
