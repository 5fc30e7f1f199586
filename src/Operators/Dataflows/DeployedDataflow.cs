using Akka.Actor;

namespace AkkaDifferential.Operators.Dataflows;

/// <summary>Where a deployed dataflow's input sessions send: its buckets, and the frontier actor for progress.</summary>
internal sealed record DeployedDataflow(string Name, IReadOnlyList<IActorRef> Buckets, IActorRef Frontier);
