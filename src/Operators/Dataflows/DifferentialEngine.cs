using Akka.Actor;
using Akka.Configuration;
using AkkaDifferential.Operators.Builder;
using AkkaDifferential.Operators.Configuration;
using AkkaDifferential.Operators.Dataflows;
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

    private DifferentialEngine(ActorSystem system, DataflowSettings settings, bool ownsSystem)
    {
        System = system;
        Settings = settings;
        this.ownsSystem = ownsSystem;
        frontier = new LocalFrontierService(system, $"frontier-{Guid.NewGuid():N}");
    }

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
        var settings = DataflowSettings.FromConfig(config);
        return new DifferentialEngine(ActorSystem.Create("akka-differential", config), settings, ownsSystem: true);
    }

    /// <summary>The actor system the dataflows run in.</summary>
    public ActorSystem System { get; }

    /// <summary>The engine's settings.</summary>
    public DataflowSettings Settings { get; }

    /// <summary>
    /// Builds a dataflow with <paramref name="build"/>, deploys it, and returns it with the handles the build
    /// function returned (input sessions, probes, captures). Times of the dataflow are <typeparamref name="TTime"/>.
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
    public async Task<Dataflow<THandles>> BuildAsync<TTime, THandles>(Func<Scope<TTime>, THandles> build, int? buckets = null, string? name = null, CancellationToken cancellation = default)
        where TTime : notnull
    {
        cancellation.ThrowIfCancellationRequested();
        Timestamp.Validate<TTime>();
        var count = buckets ?? Settings.Buckets;
        if (count < 1)
            throw new ArgumentOutOfRangeException(nameof(buckets), count, "A dataflow needs at least one bucket.");
        if (name is not null && string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("A dataflow's name must not be empty: pass null for a generated one.", nameof(name));
        var id = DataflowId.New(name ?? $"dataflow-{Interlocked.Increment(ref dataflowCount)}");
        var state = new DataflowState(id);
        var builder = new DataflowBuilder();
        var scope = new Scope<TTime>(builder, state, Settings, count);
        var handles = build(scope);
        var plan = builder.Build();
        var actor = System.ActorOf(DataflowActor.Props<TTime>(plan, frontier.Frontier, Settings, state, count), id.ActorName);
        RuntimeProtocol.Deployed deployed;
        try
        {
            deployed = await actor.Ask<RuntimeProtocol.Deployed>(new RuntimeProtocol.Deploy(), Settings.DeployTimeout, cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Stopped as a disposed dataflow is: its actors, and its registration for progress.
            await new Dataflow<THandles>(handles, actor, state, instances: 0).DisposeAsync().ConfigureAwait(false);
            throw new OperationCanceledException($"Deploying dataflow '{id.Name}' was cancelled; what it had started is stopped.", cancellation);
        }
        catch (AskTimeoutException ex)
        {
            // Stopped the same way; other dataflows are untouched.
            await new Dataflow<THandles>(handles, actor, state, instances: 0).DisposeAsync().ConfigureAwait(false);
            throw new TimeoutException(
                $"Deploying dataflow '{id.Name}' with {count} buckets ({plan.Operators.Count(n => n.Factory is not null) * count} operator instances) did not finish within " +
                $"{Settings.DeployTimeout.TotalSeconds:0.###} s, the '{DataflowSettings.Section}.deploy-timeout' setting: raise it or use fewer buckets.", ex);
        }
        scope.Attach(new DeployedDataflow(id, deployed.Buckets, deployed.Instances, frontier.Frontier, state));
        return new Dataflow<THandles>(handles, actor, state, deployed.Instances.Sum(bucket => bucket.Count(instance => instance is not null)));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (ownsSystem)
            await System.Terminate().ConfigureAwait(false);
    }
}
