using Akka.Actor;
using AkkaDifferential.Operators.Metrics;
using AkkaDifferential.Runtime.Progress;

namespace AkkaDifferential.Operators.Runtime;

/// <summary>The logic of one operator instance, as its actor drives it: one call per message, each an activation.</summary>
internal interface IOperatorRuntime
{
    /// <summary>A batch arrived at an input port.</summary>
    void OnDeliver(RuntimeProtocol.IDelivery delivery);

    /// <summary>The frontiers of some input ports changed.</summary>
    void OnFrontiers(IReadOnlyList<FrontierProtocol.TargetFrontier> frontiers);

    /// <summary>Any other message addressed to the instance (reader protocol, background work).</summary>
    void OnMessage(object message);

    /// <summary>
    /// The figures of the instance's counters and of the operators fused into its activations, for its bucket's
    /// report (<see cref="MetricsProtocol.Collect"/>); null when none changed since the last call.
    /// </summary>
    IReadOnlyList<OperatorFigures>? CollectFigures();

    /// <summary>Gives the instance its actor's context and every instance's actor (per bucket, per operator), once, before any other message.</summary>
    void Bind(IActorContext context, IReadOnlyList<IReadOnlyList<IActorRef?>> instances);
}
