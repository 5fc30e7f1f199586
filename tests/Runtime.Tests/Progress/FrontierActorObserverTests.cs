using Xunit.Abstractions;
using static AkkaDifferential.Runtime.Progress.FrontierProtocol;

namespace AkkaDifferential.Runtime.Tests.Progress;

/// <summary>
/// Observers registered per operator (its instances, one per bucket) get, in one message per publication, the changes
/// of that operator's input ports only; every instance of the operator gets the same.
/// </summary>
public sealed class FrontierActorObserverTests(ITestOutputHelper output) : FrontierActorTestKit(output)
{
    [Fact]
    public void Each_operators_instances_get_the_changes_of_its_own_ports()
    {
        var mapAtBucket0 = CreateTestProbe();
        var mapAtBucket1 = CreateTestProbe();
        var sink = CreateTestProbe();
        Frontier.Tell(new Register(Id("obs"), Chain, [Change(Input, 0, +1)], [], new Dictionary<int, IReadOnlyList<Akka.Actor.IActorRef>>
        {
            [1] = [mapAtBucket0, mapAtBucket1],
            [2] = [sink],
        }), TestActor);
        ExpectMsg<Registered>(Timeout);
        foreach (var map in new[] { mapAtBucket0, mapAtBucket1 })
            AssertFrontiers(map.ExpectMsg<FrontiersAdvanced>(Timeout), "obs", (MapIn, [0]));
        AssertFrontiers(sink.ExpectMsg<FrontiersAdvanced>(Timeout), "obs", (SinkIn, [0]));

        // Only the map's input moves (a message to the sink is in flight at 0).
        Report("obs", Change(Input, 0, -1), Change(Input, 2, +1), Change(SinkIn, 0, +1));
        foreach (var map in new[] { mapAtBucket0, mapAtBucket1 })
            AssertFrontiers(map.ExpectMsg<FrontiersAdvanced>(Timeout), "obs", (MapIn, [2]));
        sink.ExpectNoMsg(Quiet);

        // The input closes: both ports finish, each operator hears of its own.
        Report("obs", Change(Input, 2, -1), Change(SinkIn, 0, -1));
        foreach (var map in new[] { mapAtBucket0, mapAtBucket1 })
            AssertFrontiers(map.ExpectMsg<FrontiersAdvanced>(Timeout), "obs", (MapIn, []));
        AssertFrontiers(sink.ExpectMsg<FrontiersAdvanced>(Timeout), "obs", (SinkIn, []));
        mapAtBucket0.ExpectNoMsg(Quiet);
    }
}
