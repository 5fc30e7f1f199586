using System.Diagnostics.CodeAnalysis;
using AkkaDifferential.Operators.Builder;
using AkkaDifferential.Operators.Dataflows;

namespace AkkaDifferential.Operators.Runtime;

/// <summary>
/// The plans of the dataflows deployed on one node, built once per node and deployment: the driver's own build, or
/// the node's build of the deployment's definition from its registry, checked against the deployment's description
/// before any instance starts. Buckets hold their plan while they run; the last to release it frees it.
/// Thread-safe: buckets of many dataflows resolve at once.
/// </summary>
internal sealed class NodePlans(DefinitionRegistry registry, DataflowSettings settings, string node)
{
    private readonly Dictionary<DataflowId, (DataflowPlan Plan, int Holders)> plans = [];
    private Action<DataflowPlan>? built;

    /// <summary>The definitions this node can build.</summary>
    public DefinitionRegistry Registry => registry;

    /// <summary>
    /// Calls <paramref name="observer"/> with each plan added or built on this node, before any bucket uses it (the
    /// cluster admits the types that cross nodes to its wire before a batch of them can arrive).
    /// </summary>
    public void Observe(Action<DataflowPlan> observer) => built += observer;

    /// <summary>Adds the driver's own plan of a deployment (the driver holds it until <see cref="Release"/>).</summary>
    public void Add(DataflowId id, DataflowPlan plan)
    {
        built?.Invoke(plan);
        lock (plans)
            plans[id] = (plan, 1);
    }

    /// <summary>
    /// The plan of <paramref name="deployment"/> on this node, held until <see cref="Release"/>; built from the
    /// node's own definition the first time.
    /// </summary>
    /// <param name="deployment">What the driver deployed.</param>
    /// <param name="plan">The plan.</param>
    /// <param name="refusal">Why this node refuses the deployment: its definition is missing, takes other arguments, or builds another plan (the message names the dataflow and the first difference).</param>
    public bool TryResolve(RuntimeProtocol.Deployment deployment, [NotNullWhen(true)] out DataflowPlan? plan, [NotNullWhen(false)] out string? refusal)
    {
        lock (plans)
        {
            if (plans.TryGetValue(deployment.Id, out var held))
            {
                plans[deployment.Id] = (held.Plan, held.Holders + 1);
                (plan, refusal) = (held.Plan, null);
                return true;
            }
        }
        plan = null;
        refusal = Build(deployment, out var built);
        if (refusal is not null)
            return false;
        lock (plans)
        {
            // Another bucket of the deployment may have built it meanwhile: one plan per node.
            if (plans.TryGetValue(deployment.Id, out var held))
            {
                plan = held.Plan;
                plans[deployment.Id] = (held.Plan, held.Holders + 1);
            }
            else
            {
                plan = built!;
                plans[deployment.Id] = (plan, 1);
            }
        }
        return true;
    }

    /// <summary>Gives back one hold of the plan of <paramref name="id"/>; the last frees it.</summary>
    public void Release(DataflowId id)
    {
        lock (plans)
        {
            if (!plans.TryGetValue(id, out var held))
                return;
            if (held.Holders <= 1)
                plans.Remove(id);
            else
                plans[id] = (held.Plan, held.Holders - 1);
        }
    }

    /// <summary>The number of deployments with a plan on this node.</summary>
    public int Count
    {
        get
        {
            lock (plans)
                return plans.Count;
        }
    }

    private string? Build(RuntimeProtocol.Deployment deployment, out DataflowPlan? plan)
    {
        plan = null;
        var name = deployment.Id.Name;
        if (deployment.Definition is null)
            return $"Dataflow '{name}' cannot start a bucket on node {node}: it was built from a lambda by BuildAsync, which only the driver's node has. " +
                "Register it by name on every node (engine.Register) and deploy it with DeployAsync.";
        if (registry.Find(deployment.Definition) is not { } definition)
            return $"Dataflow '{name}' cannot start a bucket on node {node}: no definition named '{deployment.Definition}' is registered there " +
                $"(registered: {(registry.Names.Count == 0 ? "none" : string.Join(", ", registry.Names.Select(n => $"'{n}'")))}).";
        PlanDescription description;
        try
        {
            (plan, description) = definition.BuildPlan(deployment.Arguments, new DataflowState(deployment.Id), settings, deployment.Buckets);
        }
        catch (Exception ex)
        {
            return $"Dataflow '{name}' cannot start a bucket on node {node}: building definition '{deployment.Definition}' there failed: {ex.GetType().Name}: {ex.Message}";
        }
        if (description.Fingerprint == deployment.Fingerprint)
        {
            built?.Invoke(plan);
            return null;
        }
        var difference = description.FirstDifference(PlanDescription.FromLines(deployment.Plan), $"node {node}", "the driver");
        plan = null;
        return $"Dataflow '{name}' cannot start a bucket on node {node}: its build of definition '{deployment.Definition}' differs from the driver's " +
            $"(fingerprint {description.Fingerprint:x16} against {deployment.Fingerprint:x16}); first difference, {difference ?? "none in the descriptions"}. " +
            "Every node must run the same build of the definition.";
    }
}
