using Akka.Actor;
using AkkaDifferential.Operators.Builder;
using AkkaDifferential.Operators.Dataflows;

namespace AkkaDifferential.Operators.Runtime;

/// <summary>What an operator instance knows of where it runs: its dataflow, operator, bucket and the actors it talks to.</summary>
internal sealed record InstanceEnvironment(
    string Dataflow,
    OperatorNode Node,
    int Bucket,
    IReadOnlyList<IActorRef> Buckets,
    IActorRef Frontier,
    IActorRef? Endpoint,
    DataflowSettings Settings,
    DataflowMetrics Metrics);
