using Akka.Actor;

namespace AkkaDifferential.Operators.Dataflows;

/// <summary>
/// Where a deployed dataflow lives: its buckets (where input sessions send), the actor of every operator instance
/// per bucket (where other dataflows find its arrangements), the frontier actor, the progress agent of the driver's
/// node (where input sessions report), and its state.
/// </summary>
internal sealed record DeployedDataflow(
    DataflowId Id,
    IReadOnlyList<IActorRef> Buckets,
    IReadOnlyList<IReadOnlyList<IActorRef?>> Instances,
    IActorRef Frontier,
    IActorRef Progress,
    DataflowState State);
