using Akka.Actor;
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

    /// <summary>Gives the instance its actor's context and every instance's actor (per bucket, per operator), once, before any other message.</summary>
    void Bind(IActorContext context, IReadOnlyList<IReadOnlyList<IActorRef?>> instances);
}
