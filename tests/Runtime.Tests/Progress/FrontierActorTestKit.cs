using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Progress.Tracking;
using AkkaDifferential.Runtime.Progress;
using Xunit.Abstractions;
using static AkkaDifferential.Runtime.Progress.FrontierProtocol;

namespace AkkaDifferential.Runtime.Tests.Progress;

/// <summary>
/// A frontier actor under test and the vocabulary of its protocol tests: the chain dataflow
/// <c>input (op 0) → map (op 1) → sink (op 2)</c> with <c>long</c> times, pointstamp changes written as
/// <c>Change(location, time, delta)</c>, and assertions on published frontiers.
/// </summary>
public abstract class FrontierActorTestKit : TestKit
{
    private protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    private protected static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);

    /// <summary>The input operator's output, where it holds its capability.</summary>
    private protected static readonly Location Input = Location.Source(0, 0);

    /// <summary>The map's input port.</summary>
    private protected static readonly Location MapIn = Location.Target(1, 0);

    /// <summary>The sink's input port.</summary>
    private protected static readonly Location SinkIn = Location.Target(2, 0);

    private protected static readonly ProgressGraph Chain = new(
        [new("input", 0, 1), new("map", 1, 1), new("sink", 1, 0)],
        [new(Input, MapIn), new(Location.Source(1, 0), SinkIn)]);

    private protected FrontierActorTestKit(ITestOutputHelper output) : base("akka.loglevel = WARNING", output) =>
        Frontier = Sys.ActorOf(FrontierActor.Props());

    private protected IActorRef Frontier { get; }

    private readonly Dictionary<string, DataflowId> ids = [];

    /// <summary>The id of the test's dataflow named <paramref name="name"/>: one per name within a test.</summary>
    private protected DataflowId Id(string name)
    {
        if (!ids.TryGetValue(name, out var id))
            ids[name] = id = DataflowId.New(name);
        return id;
    }

    private protected static PointstampChange Change(Location location, long time, long delta) => new(location, new FlatTime([time]), delta);

    /// <summary>Sends one atomic batch of pointstamp changes, as an operator instance does.</summary>
    private protected void Report(string dataflow, params PointstampChange[] changes) =>
        Frontier.Tell(new ProgressUpdate(Id(dataflow), changes), TestActor);

    /// <summary>Registers a dataflow with a capability at time 0 on each of <paramref name="inputs"/> and awaits the answer.</summary>
    private protected void Register(string dataflow, ProgressGraph graph, IActorRef listener, params Location[] inputs)
    {
        Frontier.Tell(new Register(Id(dataflow), graph, [.. inputs.Select(input => Change(input, 0, +1))], [listener]), TestActor);
        Assert.Equal(Id(dataflow), ExpectMsg<Registered>(Timeout).Dataflow);
    }

    /// <summary>Registers the chain with its input holding time 0; returns the listener, past the initial frontiers.</summary>
    private protected TestProbe RegisterChain(string dataflow)
    {
        var listener = CreateTestProbe();
        Register(dataflow, Chain, listener, Input);
        AssertFrontiers(listener.ExpectMsg<FrontiersAdvanced>(Timeout), dataflow, (MapIn, [0]), (SinkIn, [0]));
        return listener;
    }

    /// <summary>
    /// The current frontier of <paramref name="target"/>, read through a fresh subscriber. The actor handles this
    /// test's messages in the order they were sent, so the answer reflects every update reported before.
    /// </summary>
    private protected long[] CurrentFrontier(string dataflow, Location target)
    {
        var probe = CreateTestProbe();
        Frontier.Tell(new Subscribe(Id(dataflow), target, probe), TestActor);
        var message = probe.ExpectMsg<FrontiersAdvanced>(Timeout);
        var frontier = Assert.Single(message.Frontiers);
        Assert.Equal(target, frontier.Target);
        return Times(frontier);
    }

    /// <summary>Asserts that <paramref name="message"/> holds exactly the given ports, with exactly the given frontiers.</summary>
    private protected void AssertFrontiers(FrontiersAdvanced message, string dataflow, params (Location Target, long[] Times)[] expected)
    {
        Assert.Equal(Id(dataflow), message.Dataflow);
        var actual = message.Frontiers.ToDictionary(f => f.Target, Times);
        Assert.Equal(expected.Length, message.Frontiers.Length);
        foreach (var (target, times) in expected)
        {
            Assert.True(actual.TryGetValue(target, out var published), $"no frontier for {target} in {Describe(message)}");
            Assert.Equal(times.Order(), published);
        }
    }

    private static long[] Times(TargetFrontier frontier) => [.. frontier.Frontier.Select(t => t.Coordinates[0]).Order()];

    private static string Describe(FrontiersAdvanced message) =>
        string.Join("; ", message.Frontiers.Select(f => $"{f.Target}: {{{string.Join(", ", f.Frontier)}}}"));
}
