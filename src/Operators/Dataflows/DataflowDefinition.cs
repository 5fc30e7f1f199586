using AkkaDifferential.Operators.Builder;
using AkkaDifferential.Operators.Dataflows;

namespace AkkaDifferential;

/// <summary>
/// A dataflow registered by name with <see cref="DifferentialEngine.Register{TTime, TArgs, THandles}"/>: its build
/// function, which every node of a cluster runs itself (user code never travels, as every timely worker runs the
/// same dataflow-building closure). <see cref="DifferentialEngine.DeployAsync{TTime, TArgs, THandles}"/> deploys it
/// by its name, with arguments, and the fingerprint of the plan the driver built; a node whose own build gives another
/// plan refuses the deployment, naming the dataflow and the first difference.
/// </summary>
/// <typeparam name="TTime">The dataflow's top-level time type.</typeparam>
/// <typeparam name="TArgs">What a deployment passes to the build function; it must be serializable to reach other nodes.</typeparam>
/// <typeparam name="THandles">What the build function returns: input sessions, captures, probes (used on the driver only).</typeparam>
public sealed class DataflowDefinition<TTime, TArgs, THandles> : IDataflowDefinition where TTime : notnull
{
    private readonly Func<Scope<TTime>, TArgs, THandles> build;
    private readonly bool local;

    internal DataflowDefinition(string name, Func<Scope<TTime>, TArgs, THandles> build, bool local)
    {
        Name = name;
        this.build = build;
        this.local = local;
    }

    /// <summary>The name the definition is registered under, which deployments carry and which dataflows deployed from it take.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    bool IDataflowDefinition.IsLocal => local;

    /// <inheritdoc/>
    Type IDataflowDefinition.Time => typeof(TTime);

    /// <inheritdoc/>
    Type IDataflowDefinition.Arguments => typeof(TArgs);

    /// <summary>Runs the build function in a fresh scope and freezes its plan.</summary>
    internal Built<TTime, THandles> Build(TArgs arguments, DataflowState state, DataflowSettings settings, int buckets)
    {
        var builder = new DataflowBuilder();
        var scope = new Scope<TTime>(builder, state, settings, buckets);
        var handles = build(scope, arguments);
        var plan = builder.Build();
        return new Built<TTime, THandles>(handles, scope, plan, PlanDescription.Of(plan, typeof(TTime)));
    }

    /// <inheritdoc/>
    (DataflowPlan Plan, PlanDescription Description) IDataflowDefinition.BuildPlan(object? arguments, DataflowState state, DataflowSettings settings, int buckets)
    {
        if (arguments is not TArgs typed && !(arguments is null && default(TArgs) is null))
            throw new ArgumentException($"Dataflow '{Name}' takes arguments of type {typeof(TArgs)}, and the deployment carried {arguments?.GetType().ToString() ?? "null"}.");
        var built = Build((TArgs)arguments!, state, settings, buckets);
        return (built.Plan, built.Description);
    }
}

/// <summary>A definition, whatever its types: what a node needs to build its own plan of a deployment.</summary>
internal interface IDataflowDefinition
{
    /// <summary>The registered name.</summary>
    string Name { get; }

    /// <summary>
    /// True for a dataflow built from a lambda by <see cref="DifferentialEngine.BuildAsync{TTime, THandles}"/>: only the
    /// driver's node has it, so every bucket runs there.
    /// </summary>
    bool IsLocal { get; }

    /// <summary>The dataflow's top-level time type.</summary>
    Type Time { get; }

    /// <summary>The type of the arguments a deployment carries to every node.</summary>
    Type Arguments { get; }

    /// <summary>Builds the plan from the deployment's arguments (the handles it returns are not used).</summary>
    /// <exception cref="ArgumentException">The arguments are not of the definition's type.</exception>
    (DataflowPlan Plan, PlanDescription Description) BuildPlan(object? arguments, DataflowState state, DataflowSettings settings, int buckets);
}

/// <summary>What building a definition on the driver gives: the handles, the scope (to attach them once deployed) and the plan.</summary>
internal sealed record Built<TTime, THandles>(THandles Handles, Scope<TTime> Scope, DataflowPlan Plan, PlanDescription Description) where TTime : notnull;
