using Akka.Actor;

namespace AkkaDifferential.Operators.Dataflows;

/// <summary>
/// Where a deployed dataflow lives: its buckets (where input sessions send), the actor of every operator instance
/// per bucket (where other dataflows find its arrangements), the frontier actor, the progress agent of the driver's
/// node (where input sessions report), and its state. A dataflow that redeploys itself after losing a bucket lives
/// somewhere else afterwards: each deployment is an incarnation, numbered from 0, with an id of its own
/// (<paramref name="Id"/>, the first one's name and a new instance), which its progress and entities are keyed by.
/// </summary>
internal sealed record DeployedDataflow(
    DataflowId Id,
    IReadOnlyList<IActorRef> Buckets,
    IReadOnlyList<IReadOnlyList<IActorRef?>> Instances,
    IActorRef Frontier,
    IActorRef Progress,
    DataflowState State,
    int Incarnation = 0);
