using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Operators.Runtime;

/// <summary>The logic of one operator instance, as its actor drives it: one call per message, each an activation.</summary>
internal interface IOperatorRuntime
{
    /// <summary>A batch arrived at an input port.</summary>
    void OnDeliver(RuntimeProtocol.Deliver delivery);

    /// <summary>The frontiers of some input ports changed.</summary>
    void OnFrontiers(IReadOnlyList<FrontierProtocol.TargetFrontier> frontiers);
}
