using Xunit.Abstractions;
using static AkkaDifferential.Runtime.Progress.FrontierProtocol;

namespace AkkaDifferential.Runtime.Tests.Progress;

/// <summary>The frontier actor publishes frontiers as a record flows down the chain in the ordinary order of reports.</summary>
public sealed class FrontierActorFlowTests(ITestOutputHelper output) : FrontierActorTestKit(output)
{
    [Fact]
    public void Register_is_answered_and_the_initial_frontiers_are_published()
    {
        // RegisterChain asserts the Registered answer and the initial frontiers {0} at both input ports.
        var listener = RegisterChain("register");
        Assert.Equal([0L], CurrentFrontier("register", SinkIn));
        listener.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void The_sink_frontier_passes_a_time_only_after_the_last_message_at_that_time_is_consumed()
    {
        var listener = RegisterChain("flow");

        // The input sends a message at time 0 to the map and moves its capability from 0 to 1, in one batch.
        Report("flow", Change(MapIn, 0, +1), Change(Input, 0, -1), Change(Input, 1, +1));
        listener.ExpectNoMsg(Quiet);

        // The map consumes it and sends one on to the sink at time 0: the map's input passes time 0, the sink's does not.
        Report("flow", Change(MapIn, 0, -1), Change(SinkIn, 0, +1));
        AssertFrontiers(listener.ExpectMsg<FrontiersAdvanced>(Timeout), "flow", (MapIn, [1]));
        listener.ExpectNoMsg(Quiet);

        // The sink consumes it: nothing at time 0 is left anywhere.
        Report("flow", Change(SinkIn, 0, -1));
        AssertFrontiers(listener.ExpectMsg<FrontiersAdvanced>(Timeout), "flow", (SinkIn, [1]));
        listener.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void Dropping_the_input_capability_empties_every_frontier()
    {
        var listener = RegisterChain("close");
        Report("close", Change(Input, 0, -1));
        AssertFrontiers(listener.ExpectMsg<FrontiersAdvanced>(Timeout), "close", (MapIn, []), (SinkIn, []));
    }
}
