using Akka.Actor;

namespace AkkaDifferential.Runtime.Progress;

/// <summary>A frontier actor that lives in the local actor system: the single-node engine's frontier service.</summary>
internal sealed class LocalFrontierService : IFrontierService
{
    /// <summary>Starts the frontier actor as a top-level actor named <paramref name="name"/>.</summary>
    public LocalFrontierService(IActorRefFactory system, string name = "frontier") =>
        Frontier = system.ActorOf(FrontierActor.Props(), name);

    /// <inheritdoc/>
    public IActorRef Frontier { get; }
}
