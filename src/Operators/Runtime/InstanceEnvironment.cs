using Akka.Actor;
using AkkaDifferential.Operators.Builder;

namespace AkkaDifferential.Operators.Runtime;

/// <summary>
/// What an operator instance knows of where it runs: its dataflow, operator and bucket, and the actors it reports
/// to (<paramref name="Progress"/>: its node's progress agent).
/// </summary>
internal sealed record InstanceEnvironment(
    DataflowId Dataflow,
    OperatorNode Node,
    int Bucket,
    int Buckets,
    IActorRef Progress,
    IActorRef? Endpoint,
    DataflowSettings Settings);
