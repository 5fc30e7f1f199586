using Akka.Actor;

namespace AkkaDifferential.Runtime.Progress;

/// <summary>
/// Where a dataflow finds the frontier actor: today always a <see cref="LocalFrontierService"/>, one
/// <see cref="FrontierActor"/> per engine in the engine's actor system. Operators only ever talk to <see cref="Frontier"/>.
/// </summary>
internal interface IFrontierService
{
    /// <summary>The actor accepting <see cref="FrontierProtocol"/> messages.</summary>
    IActorRef Frontier { get; }
}
