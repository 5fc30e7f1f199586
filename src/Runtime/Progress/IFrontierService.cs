using Akka.Actor;

namespace AkkaDifferential.Runtime.Progress;

/// <summary>
/// Where a dataflow finds the frontier actor and where its senders report progress: on one node a
/// <see cref="LocalFrontierService"/> (one <see cref="FrontierActor"/> per engine, reported to directly), in a cluster
/// the singleton's proxy and the member's <see cref="ProgressAgent"/>.
/// </summary>
internal interface IFrontierService
{
    /// <summary>The frontier actor (or a proxy to it): registrations, subscriptions, unregistrations.</summary>
    IActorRef Frontier { get; }

    /// <summary>
    /// True when the frontier actor is a cluster singleton, which starts afresh on another member when its member is
    /// lost: the dataflows registered with it watch it and restart their progress with the new one.
    /// </summary>
    bool Moves { get; }

    /// <summary>
    /// Where operator instances and input sessions send their <see cref="FrontierProtocol.ProgressUpdate"/>s: a cluster
    /// member's <see cref="ProgressAgent"/>, or on one node the frontier actor itself.
    /// </summary>
    IActorRef Progress { get; }
}
