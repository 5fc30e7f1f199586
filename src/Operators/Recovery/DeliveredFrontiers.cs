using Akka.Actor;
using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Operators.Recovery;

/// <summary>
/// The frontiers the endpoints of a dataflow on its driver (captures, change streams, probes) have delivered, as
/// they report them to its owner, and their meet: the times every output of the dataflow has passed, to which its
/// input sessions may compact what they retain (nobody will look at the outputs before it again), and past which
/// what they sent counts as absorbed (back-pressure, docs/back-pressure.md). An endpoint that
/// has not reported yet holds it at the minimum time; without endpoints nothing is compacted (the meet of none is
/// left empty, which compacts nothing). Not thread-safe: the owner's actor uses it.
/// </summary>
internal sealed class DeliveredFrontiers(IEnumerable<IActorRef> endpoints, FlatTime minimum)
{
    private readonly Dictionary<IActorRef, FlatTime[]> delivered = endpoints.ToDictionary(e => e, _ => new[] { minimum });

    /// <summary>The meet of every endpoint's delivered frontier.</summary>
    public Antichain<FlatTime> Meet { get; private set; } = new(endpoints.Any() ? [minimum] : []);

    /// <summary>
    /// A time of an endpoint in an iteration scope, as the dataflow's top-level time: its outer coordinates. An inner
    /// frontier element <c>(t, i)</c> means that times <c>(t, i')</c> may still come there, so <c>t</c> is not passed.
    /// </summary>
    private FlatTime Outer(FlatTime time) => time.Length == minimum.Length ? time : new FlatTime(time.Coordinates[..minimum.Length].ToArray());

    /// <summary>Records what <paramref name="endpoint"/> has delivered; true when the meet moved.</summary>
    public bool Report(IActorRef endpoint, FlatTime[] frontier)
    {
        if (!delivered.ContainsKey(endpoint))
            return false;
        delivered[endpoint] = [.. frontier.Select(Outer)];
        var meet = new Antichain<FlatTime>(delivered.Values.SelectMany(f => f));
        if (meet.Equals(Meet))
            return false;
        Meet = meet;
        return true;
    }
}
