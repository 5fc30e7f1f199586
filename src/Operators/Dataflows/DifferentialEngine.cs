using Akka.Actor;
using Akka.Configuration;
using AkkaDifferential.Operators.Builder;
using AkkaDifferential.Operators.Configuration;
using AkkaDifferential.Operators.Dataflows;
using AkkaDifferential.Operators.Recovery;
using AkkaDifferential.Operators.Runtime;
using AkkaDifferential.Runtime.Progress;

namespace AkkaDifferential;

/// <summary>
/// The entry point: builds dataflows and deploys them as actors. <see cref="Create"/> starts an embedded
/// single-node actor system with no setup; the constructor attaches to an actor system the application already
/// has.
/// </summary>
/// <example>
/// <code>
/// using AkkaDifferential;
///
/// await using var engine = DifferentialEngine.Create();
/// var dataflow = await engine.BuildAsync((Scope&lt;long&gt; scope) =>
/// {
///     var (input, numbers) = scope.NewCollection&lt;int&gt;();
///     var probe = numbers.Map(x => x * 2).Inspect(u => Console.WriteLine(u)).Probe();
///     return (input, probe);
/// });
/// var (input, probe) = dataflow.Handles;
/// input.Insert(21);
/// input.AdvanceTo(1);
/// await probe.WhenPassed(0);
/// </code>
/// </example>
public sealed class DifferentialEngine : IAsyncDisposable
{
    private readonly bool ownsSystem;
    private readonly IFrontierService frontier;
    private readonly NodePlans plans;
    private readonly IBucketPlacement localPlacement;
    private readonly IBucketPlacement? clusterPlacement;
    private int dataflowCount;

    /// <summary>Attaches to an existing actor system.</summary>
    /// <param name="system">The actor system that hosts the dataflows.</param>
    /// <param name="settings">Settings; by default read from the system's configuration with the embedded defaults as fallback.</param>
    /// <exception cref="ConfigurationException">
    /// <paramref name="settings"/> is null and the system's <c>akka-differential</c> section has a key that is not a
    /// setting or a malformed value.
    /// </exception>
    public DifferentialEngine(ActorSystem system, DataflowSettings? settings = null)
        : this(system, settings ?? DataflowSettings.FromConfig(system.Settings.Config.WithFallback(DefaultConfig.Load())), ownsSystem: false)
    {
    }

    private DifferentialEngine(ActorSystem system, DataflowSettings settings, bool ownsSystem, IFrontierService? frontierService = null, string? node = null, Func<NodePlans, IBucketPlacement>? cluster = null)
    {
        System = system;
        Settings = settings;
        this.ownsSystem = ownsSystem;
        frontier = frontierService ?? new LocalFrontierService(system, $"frontier-{Guid.NewGuid():N}");
        plans = new NodePlans(Definitions, settings, node ?? system.Name);
        localPlacement = new LocalPlacement(plans, frontier.Progress, settings);
        clusterPlacement = cluster?.Invoke(plans);
    }

    /// <summary>
    /// An engine on a cluster member's actor system, which it terminates when disposed if <paramref name="ownsSystem"/>
    /// (a hosted application's system belongs to its host): its frontier service is the cluster's (singleton, proxy
    /// and this member's agent), and <paramref name="cluster"/> gives the placement of buckets of dataflows deployed
    /// by name (sharded entities); dataflows built from a lambda keep all their buckets on this node.
    /// </summary>
    internal static DifferentialEngine Attach(ActorSystem system, DataflowSettings settings, IFrontierService frontier, string node, bool ownsSystem, Func<NodePlans, IBucketPlacement> cluster) =>
        new(system, settings, ownsSystem, frontier, node, cluster);

    /// <summary>The definitions registered on this engine.</summary>
    internal DefinitionRegistry Definitions { get; } = new();

    /// <summary>The driver's journal, when one is enabled (src/Journal): dataflows deployed by name journal their input sessions there.</summary>
    internal IInputJournal? Journal { get; set; }

    /// <summary>The plans of the deployments with buckets on this node.</summary>
    internal NodePlans Plans => plans;

    /// <summary>
    /// Starts an embedded single-node actor system and an engine on it. <paramref name="hocon"/> overrides the
    /// defaults of <c>config/akka-differential.conf</c>.
    /// </summary>
    /// <exception cref="ConfigurationException">
    /// The HOCON is malformed (the message gives the line and column), a key under <c>akka-differential</c> is not
    /// a setting, or a setting's value is invalid (the message names the key and what it expects).
    /// </exception>
    public static DifferentialEngine Create(string? hocon = null)
    {
        var defaults = DefaultConfig.Load();
        var config = string.IsNullOrWhiteSpace(hocon) ? defaults : HoconSyntax.Parse(hocon, DataflowSettings.ExpectedAt).WithFallback(defaults);
        return CreateOwning(config);
    }

    /// <summary>An embedded engine on a new actor system of <paramref name="config"/> (with the defaults as fallback), which it terminates when disposed.</summary>
    internal static DifferentialEngine CreateOwning(Config config)
    {
        var settings = DataflowSettings.FromConfig(config);
        return new DifferentialEngine(ActorSystem.Create("akka-differential", config), settings, ownsSystem: true);
    }

    /// <summary>The actor system the dataflows run in.</summary>
    public ActorSystem System { get; }

    /// <summary>The engine's settings.</summary>
    public DataflowSettings Settings { get; }

    /// <summary>
    /// Registers a dataflow definition under <paramref name="name"/>: <paramref name="build"/> composes its
    /// collections from the scope and the deployment's arguments. In a cluster every node registers the same
    /// definitions (the same code, at start-up), and <see cref="DeployAsync{TTime, TArgs, THandles}"/> deploys one by
    /// name: each node runs the build itself and checks its plan against the driver's.
    /// </summary>
    /// <param name="name">The definition's name, unique on this engine; dataflows deployed from it take it as their name.</param>
    /// <param name="build">Builds the dataflow; it must build the same plan on every node for the same arguments.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank or already registered.</exception>
    /// <exception cref="InvalidOperationException"><typeparamref name="TTime"/> is not a timestamp type.</exception>
    public DataflowDefinition<TTime, TArgs, THandles> Register<TTime, TArgs, THandles>(string name, Func<Scope<TTime>, TArgs, THandles> build)
        where TTime : notnull =>
        Definitions.Register(name, build);

    /// <summary>
    /// Deploys a registered definition with <paramref name="arguments"/>, and returns the dataflow with the handles
    /// the driver's build returned (input sessions, probes, captures). The deployment carries the definition's name,
    /// the arguments and the fingerprint of the driver's plan; a bucket whose node has no such definition, or builds
    /// another plan from it, refuses, and the call throws naming the dataflow and the first difference.
    /// </summary>
    /// <param name="definition">The definition, registered on this engine.</param>
    /// <param name="arguments">The build function's arguments.</param>
    /// <param name="buckets">Buckets (workers) for this dataflow; by default <see cref="DataflowSettings.Buckets"/>.</param>
    /// <param name="cancellation">Cancels the deployment: what was started is stopped, and the call throws <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="definition"/> is not registered on this engine.</exception>
    /// <exception cref="InvalidOperationException">
    /// A node refused the deployment (the message names the dataflow, the node and why), or, on a cluster, a record type
    /// that crosses nodes or the arguments cannot be serialized (the message names the dataflow, the operator and the type).
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled before the dataflow was deployed.</exception>
    /// <exception cref="TimeoutException">Deployment took longer than <see cref="DataflowSettings.DeployTimeout"/>.</exception>
    public Task<Dataflow<THandles>> DeployAsync<TTime, TArgs, THandles>(DataflowDefinition<TTime, TArgs, THandles> definition, TArgs arguments, int? buckets = null, CancellationToken cancellation = default)
        where TTime : notnull
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!ReferenceEquals(Definitions.Find(definition.Name), definition))
            throw new ArgumentException($"Dataflow definition '{definition.Name}' is not registered on this engine: register it with Register before deploying it.", nameof(definition));
        return DeployCoreAsync(definition, arguments, definition.Name, buckets, cancellation);
    }

    /// <summary>
    /// Builds a dataflow with <paramref name="build"/>, deploys it, and returns it with the handles the build
    /// function returned (input sessions, probes, captures). Times of the dataflow are <typeparamref name="TTime"/>.
    /// The build runs once, here: the dataflow is an anonymous definition that only this node has, deployed through
    /// the same path as <see cref="DeployAsync{TTime, TArgs, THandles}"/>, and all its buckets run on this node. To run
    /// buckets on other nodes of a cluster, register the definition on every node and deploy it by name.
    /// </summary>
    /// <param name="build">Composes collections in the scope and returns the handles the caller needs.</param>
    /// <param name="buckets">Buckets (workers) for this dataflow; by default <see cref="DataflowSettings.Buckets"/>.</param>
    /// <param name="name">
    /// A name for logs and errors; by default a generated one. Names need not be unique: every deployment gets its
    /// own <see cref="DataflowId"/>, which is what progress tracking, trace readers and actor names are keyed by, so
    /// dataflows that share a name run side by side without affecting each other.
    /// </param>
    /// <param name="cancellation">
    /// Cancels the deployment: what was started is stopped, and the call throws <see cref="OperationCanceledException"/>.
    /// </param>
    /// <exception cref="InvalidOperationException"><typeparamref name="TTime"/> is not a timestamp type.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled before the dataflow was deployed.</exception>
    /// <exception cref="TimeoutException">Deployment took longer than <see cref="DataflowSettings.DeployTimeout"/>; the message names the dataflow, its bucket count and the setting.</exception>
    public Task<Dataflow<THandles>> BuildAsync<TTime, THandles>(Func<Scope<TTime>, THandles> build, int? buckets = null, string? name = null, CancellationToken cancellation = default)
        where TTime : notnull
    {
        Timestamp.Validate<TTime>();
        if (name is not null && string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("A dataflow's name must not be empty: pass null for a generated one.", nameof(name));
        var displayName = name ?? $"dataflow-{Interlocked.Increment(ref dataflowCount)}";
        var definition = new DataflowDefinition<TTime, Func<Scope<TTime>, THandles>, THandles>(displayName, static (scope, build) => build(scope), local: true);
        return DeployCoreAsync(definition, build, displayName, buckets, cancellation);
    }

    private async Task<Dataflow<THandles>> DeployCoreAsync<TTime, TArgs, THandles>(DataflowDefinition<TTime, TArgs, THandles> definition, TArgs arguments, string name, int? buckets, CancellationToken cancellation)
        where TTime : notnull
    {
        cancellation.ThrowIfCancellationRequested();
        var count = buckets ?? Settings.Buckets;
        if (count < 1)
            throw new ArgumentOutOfRangeException(nameof(buckets), count, "A dataflow needs at least one bucket.");
        var id = DataflowId.New(name);
        var state = new DataflowState(id);
        var built = definition.Build(arguments, state, Settings, count);
        var plan = built.Plan;
        state.Metrics.Attach(plan, count);
        var local = ((IDataflowDefinition)definition).IsLocal;
        var placement = local ? localPlacement : clusterPlacement ?? localPlacement;
        state.Recoverable = DataflowActor.Recovers(plan, placement, Settings);
        if (!local && Journal is not null)
            await OpenJournalAsync(state, built.Description.Fingerprint, built.Scope.Inputs, built.Scope.Outputs).ConfigureAwait(false);
        var deployment = new RuntimeProtocol.Deployment(id, local ? null : definition.Name, local ? null : arguments, count, built.Description.Lines, built.Description.Fingerprint);
        placement.Check(deployment, plan);
        await placement.ReadyAsync(Settings.DeployTimeout / 2, cancellation).ConfigureAwait(false);
        plans.Add(id, plan);
        var actor = System.ActorOf(DataflowActor.Props<TTime>(deployment, plan, plans, placement, frontier, Settings, state, built.Scope.Inputs), id.ActorName);
        state.Metrics.Owned(actor, state.Completion);
        DeployedDataflow placed;
        try
        {
            await actor.Ask<RuntimeProtocol.Deployed>(new RuntimeProtocol.Deploy(), Settings.DeployTimeout, cancellation).ConfigureAwait(false);
            placed = state.Current!;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Stopped as a disposed dataflow is: its actors, and its registration for progress.
            await new Dataflow<THandles>(built.Handles, actor, state, instances: 0).DisposeAsync().ConfigureAwait(false);
            throw new OperationCanceledException($"Deploying dataflow '{id.Name}' was cancelled; what it had started is stopped.", cancellation);
        }
        catch (AskTimeoutException ex)
        {
            // Stopped the same way; other dataflows are untouched.
            await new Dataflow<THandles>(built.Handles, actor, state, instances: 0).DisposeAsync().ConfigureAwait(false);
            throw new TimeoutException(
                $"Deploying dataflow '{id.Name}' with {count} buckets ({plan.Operators.Count(n => n.Factory is not null) * count} operator instances) did not finish within " +
                $"{Settings.DeployTimeout.TotalSeconds:0.###} s, the '{DataflowSettings.Section}.deploy-timeout' setting: raise it or use fewer buckets.", ex);
        }
        built.Scope.Attach(placed);
        DifferentialMeter.Running(state.Metrics);
        return new Dataflow<THandles>(built.Handles, actor, state, placed.Instances.Sum(bucket => bucket.Count(instance => instance is not null)));
    }

    /// <summary>
    /// Opens the dataflow's journal and its sessions' logs, whose recovered input the sessions replay to the first
    /// incarnation, and its resumable outputs' logs, from whose acknowledged times they resume; the journal is closed
    /// when the dataflow stops (or fails), and at once if opening a log fails.
    /// </summary>
    private async Task OpenJournalAsync(DataflowState state, ulong fingerprint, IReadOnlyList<IRecoverableInput> inputs, IReadOnlyList<IResumableOutput> outputs)
    {
        var journal = await Journal!.OpenAsync(state.Name, fingerprint).ConfigureAwait(false);
        try
        {
            foreach (var input in inputs)
                await input.OpenJournalAsync(journal).ConfigureAwait(false);
            foreach (var output in outputs)
                await output.OpenJournalAsync(journal).ConfigureAwait(false);
        }
        catch
        {
            journal.Dispose();
            throw;
        }
        _ = state.Completion.ContinueWith(_ => journal.Dispose(), TaskScheduler.Default);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Journal is not null)
            await Journal.DisposeAsync().ConfigureAwait(false);
        if (ownsSystem)
            await System.Terminate().ConfigureAwait(false);
    }
}
