using Akka.Actor;

namespace AkkaDifferential.Cluster.Wire;

/// <summary>
/// Answers <see cref="GetTraffic"/> with the <see cref="WireTraffic"/> of its member's batch serializer: how another
/// member (a driver, a test) learns what crossed the network, counted where it was serialized. One per member, at
/// <see cref="Path"/>.
/// </summary>
internal sealed class TrafficReporter : ReceiveActor
{
    /// <summary>The reporter's name under <c>/user</c>.</summary>
    public const string Name = "wire-traffic";

    /// <summary>The reporter's path on its member.</summary>
    public const string Path = "/user/" + Name;

    public TrafficReporter()
    {
        var counters = TrafficCounters.Of(Context.System);
        Receive<GetTraffic>(_ => Sender.Tell(counters.Snapshot()));
    }

    /// <summary>Props of the reporter.</summary>
    public static Props Props() => Akka.Actor.Props.Create<TrafficReporter>();

    /// <summary>Asks for the member's <see cref="WireTraffic"/>.</summary>
    public sealed record GetTraffic
    {
        /// <summary>The one instance.</summary>
        public static GetTraffic Instance { get; } = new();
    }
}
