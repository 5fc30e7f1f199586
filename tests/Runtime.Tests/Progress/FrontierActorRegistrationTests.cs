using AkkaDifferential.Progress.Graph;
using Xunit.Abstractions;
using static AkkaDifferential.Runtime.Progress.FrontierProtocol;

namespace AkkaDifferential.Runtime.Tests.Progress;

/// <summary>
/// Registration and its edges: reports that overtake the registration are kept and applied on it; reports after
/// unregistration are dropped, and the actor goes on serving its other dataflows.
/// </summary>
public sealed class FrontierActorRegistrationTests(ITestOutputHelper output) : FrontierActorTestKit(output)
{
    [Fact]
    public void Reports_sent_before_registration_are_applied_on_registration()
    {
        // The input's and the map's reports overtake the registration.
        Report("early", Change(MapIn, 0, +1), Change(Input, 0, -1), Change(Input, 1, +1));
        Report("early", Change(MapIn, 0, -1), Change(SinkIn, 0, +1));
        var listener = CreateTestProbe();
        Register("early", Chain, listener, Input);

        Assert.Equal([1L], CurrentFrontier("early", MapIn));
        Assert.Equal([0L], CurrentFrontier("early", SinkIn));
        Report("early", Change(SinkIn, 0, -1));
        listener.FishForMessage<FrontiersAdvanced>(m => m.Frontiers.Any(f => f.Target == SinkIn && f.Frontier.Length > 0 && f.Frontier[0].Coordinates[0] == 1), Timeout);
        Assert.Equal([1L], CurrentFrontier("early", SinkIn));
    }

    [Fact]
    public void A_malformed_graph_is_refused_and_other_dataflows_carry_on()
    {
        var healthy = RegisterChain("healthy");
        var broken = new ProgressGraph([new OperatorShape("Lonely", 0, 1)], [new Channel(Location.Source(0, 0), Location.Target(5, 0))]);
        Frontier.Tell(new Register(Id("broken"), broken, [], [TestActor]), TestActor);
        var failure = ExpectMsg<Akka.Actor.Status.Failure>(Timeout);
        Assert.Contains("Dataflow 'broken' cannot be registered", failure.Cause.Message);

        // The healthy dataflow still tracks its progress: its input finishing empties every frontier.
        Report("healthy", Change(Input, 0, -1));
        healthy.FishForMessage<FrontiersAdvanced>(m => m.Frontiers.Any(f => f.Target == SinkIn && f.Frontier.Length == 0), Timeout);
    }

    [Fact]
    public void Reports_after_unregistration_are_dropped_and_other_dataflows_carry_on()
    {
        var retired = RegisterChain("retired");
        var other = RegisterChain("other");
        Frontier.Tell(new Unregister(Id("retired")), TestActor);

        // This report would finish the retired dataflow's inputs; nobody hears of it.
        Report("retired", Change(Input, 0, -1));
        retired.ExpectNoMsg(Quiet);
        var subscriber = CreateTestProbe();
        Frontier.Tell(new Subscribe(Id("retired"), SinkIn, subscriber), TestActor);
        subscriber.ExpectNoMsg(Quiet);

        // A new deployment under the same name is another dataflow, with an id of its own: the retired one's
        // progress neither reaches it nor holds it back.
        var again = CreateTestProbe();
        var successor = DataflowId.New("retired");
        Assert.NotEqual(Id("retired"), successor);
        Frontier.Tell(new Register(successor, Chain, [Change(Input, 0, +1)], [again]), TestActor);
        ExpectMsg<Registered>(Timeout);
        Assert.Equal([0L, 0L], again.ExpectMsg<FrontiersAdvanced>(Timeout).Frontiers.Select(f => f.Frontier.Single().Coordinates[0]));
        Report("retired", Change(Input, 0, -1));
        again.ExpectNoMsg(Quiet);
        Frontier.Tell(new ProgressUpdate(successor, [Change(Input, 0, -1)]), TestActor);
        Assert.All(again.ExpectMsg<FrontiersAdvanced>(Timeout).Frontiers, f => Assert.Empty(f.Frontier));

        // The other dataflow was never disturbed.
        Report("other", Change(Input, 0, -1));
        AssertFrontiers(other.ExpectMsg<FrontiersAdvanced>(Timeout), "other", (MapIn, []), (SinkIn, []));
    }
}
