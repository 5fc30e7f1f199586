using Akka.Actor;

namespace AkkaDifferential.Progress.Tracking;

/// <summary>
/// Where a dataflow finds the frontier actor. On one node this is a local <see cref="FrontierActor"/>; in a
/// cluster it is the proxy of a cluster singleton. Operators only ever talk to <see cref="Frontier"/>.
/// </summary>
public interface IFrontierService
{
    /// <summary>The actor accepting <see cref="FrontierProtocol"/> messages.</summary>
    IActorRef Frontier { get; }
}
