using Akka.Actor;

namespace AkkaDifferential.Runtime.Progress;

/// <summary>
/// A frontier actor that lives in the local actor system: the single-node engine's frontier service. Operator
/// instances and input sessions report their <see cref="FrontierProtocol.ProgressUpdate"/>s to it directly, each
/// activation's one atomic batch, as they would to a cluster member's <see cref="ProgressAgent"/>. The agent exists
/// for the network (it numbers, resends and consolidates what crosses it); between actors of one system nothing is
/// lost or duplicated, and a report through it cost one more mailbox hop, in sequence, per frontier step (measured in
/// docs/benchmarks.md).
/// </summary>
/// <remarks>
/// Reports of different senders may reach the frontier actor in any order, as they reached the agent: each is atomic,
/// and a consumer's report of a message can only overtake the report of its sender while what the sender held when
/// it sent (its input's pointstamp or its capability, released in that report) still holds every frontier
/// downstream of it.
/// </remarks>
internal sealed class LocalFrontierService : IFrontierService
{
    /// <summary>Starts the frontier actor as a top-level actor named <paramref name="name"/>.</summary>
    public LocalFrontierService(IActorRefFactory system, string name = "frontier")
    {
        Frontier = system.ActorOf(FrontierActor.Props(), name);
    }

    /// <inheritdoc/>
    public IActorRef Frontier { get; }

    /// <inheritdoc/>
    public bool Moves => false;

    /// <inheritdoc/>
    public IActorRef Progress => Frontier;
}
