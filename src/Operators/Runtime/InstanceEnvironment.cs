using Akka.Actor;
using AkkaDifferential.Operators.Builder;

namespace AkkaDifferential.Operators.Runtime;

/// <summary>What an operator instance knows of where it runs: its dataflow, operator and bucket, and the actors it reports to.</summary>
internal sealed record InstanceEnvironment(
    DataflowId Dataflow,
    OperatorNode Node,
    int Bucket,
    int Buckets,
    IActorRef Frontier,
    IActorRef? Endpoint,
    DataflowSettings Settings,
    DataflowMetrics Metrics);
