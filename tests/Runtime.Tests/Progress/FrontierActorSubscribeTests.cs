using Akka.Actor;
using AkkaDifferential.Progress.Graph;
using Xunit.Abstractions;
using static AkkaDifferential.Runtime.Progress.FrontierProtocol;

namespace AkkaDifferential.Runtime.Tests.Progress;

/// <summary>A subscriber to one input port gets its frontier at once, then the changes of that port only.</summary>
public sealed class FrontierActorSubscribeTests(ITestOutputHelper output) : FrontierActorTestKit(output)
{
    [Fact]
    public void A_subscriber_gets_the_current_frontier_at_once_then_only_changes_of_its_port()
    {
        var listener = RegisterChain("sub");
        var subscriber = CreateTestProbe();
        Frontier.Tell(new Subscribe(Id("sub"), SinkIn, subscriber), TestActor);
        AssertFrontiers(subscriber.ExpectMsg<FrontiersAdvanced>(Timeout), "sub", (SinkIn, [0]));

        // The map's input moves; the sink's subscriber hears nothing.
        Report("sub", Change(MapIn, 0, +1), Change(Input, 0, -1), Change(Input, 1, +1));
        Report("sub", Change(MapIn, 0, -1), Change(SinkIn, 0, +1));
        AssertFrontiers(listener.ExpectMsg<FrontiersAdvanced>(Timeout), "sub", (MapIn, [1]));
        subscriber.ExpectNoMsg(Quiet);

        Report("sub", Change(SinkIn, 0, -1));
        AssertFrontiers(subscriber.ExpectMsg<FrontiersAdvanced>(Timeout), "sub", (SinkIn, [1]));
        AssertFrontiers(listener.ExpectMsg<FrontiersAdvanced>(Timeout), "sub", (SinkIn, [1]));

        // Both ports change at once: the listener hears both, the subscriber its own port only.
        Report("sub", Change(Input, 1, -1));
        AssertFrontiers(listener.ExpectMsg<FrontiersAdvanced>(Timeout), "sub", (MapIn, []), (SinkIn, []));
        AssertFrontiers(subscriber.ExpectMsg<FrontiersAdvanced>(Timeout), "sub", (SinkIn, []));
        subscriber.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void A_subscription_to_an_unknown_dataflow_is_not_answered()
    {
        RegisterChain("known");
        var subscriber = CreateTestProbe();
        Frontier.Tell(new Subscribe(Id("unknown"), SinkIn, subscriber), TestActor);
        subscriber.ExpectNoMsg(Quiet);
        Assert.Equal([0L], CurrentFrontier("known", SinkIn));
    }

    [Theory]
    [InlineData(false, 7)]
    [InlineData(true, 1)]
    public void A_subscription_to_a_port_that_is_no_input_is_refused_to_the_subscriber(bool isSource, int op)
    {
        var listener = RegisterChain("ports");
        var subscriber = CreateTestProbe();
        var port = new Location(op, 0, isSource);
        Frontier.Tell(new Subscribe(Id("ports"), port, subscriber), TestActor);
        var failure = subscriber.ExpectMsg<Status.Failure>(Timeout);
        Assert.Contains(port.ToString(), failure.Cause.Message);
        Assert.Contains("'ports'", failure.Cause.Message);

        // The dataflow's progress state is intact.
        Report("ports", Change(Input, 0, -1));
        AssertFrontiers(listener.ExpectMsg<FrontiersAdvanced>(Timeout), "ports", (MapIn, []), (SinkIn, []));
    }
}
