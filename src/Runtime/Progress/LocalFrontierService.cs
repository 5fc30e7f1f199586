using Akka.Actor;

namespace AkkaDifferential.Runtime.Progress;

/// <summary>
/// A frontier actor that lives in the local actor system, and the node's progress agent reporting to it: the
/// single-node engine's frontier service, the same protocol as in a cluster with one member.
/// </summary>
internal sealed class LocalFrontierService : IFrontierService
{
    /// <summary>How long the agent waits for an acknowledgement before it resends (locally nothing is lost; a safety net).</summary>
    private static readonly TimeSpan ResendAfter = TimeSpan.FromSeconds(1);

    /// <summary>Starts the frontier actor as a top-level actor named <paramref name="name"/>, and its agent beside it.</summary>
    public LocalFrontierService(IActorRefFactory system, string name = "frontier")
    {
        Frontier = system.ActorOf(FrontierActor.Props(), name);
        Progress = system.ActorOf(ProgressAgent.Props(Frontier, name, ResendAfter), $"{name}-agent");
    }

    /// <inheritdoc/>
    public IActorRef Frontier { get; }

    /// <inheritdoc/>
    public bool Moves => false;

    /// <inheritdoc/>
    public IActorRef Progress { get; }
}
