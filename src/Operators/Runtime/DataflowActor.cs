using Akka.Actor;
using Akka.Event;
using AkkaDifferential.Operators.Builder;
using AkkaDifferential.Operators.Dataflows;
using AkkaDifferential.Operators.Probes;
using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Progress.Tracking;
using AkkaDifferential.Runtime.Progress;
using AkkaDifferential.Runtime.Wire;

namespace AkkaDifferential.Operators.Runtime;

/// <summary>
/// The owner of one deployed dataflow, on its driver: it starts the driver's endpoints (capture sinks, probe
/// listeners), starts the buckets with the <see cref="RuntimeProtocol.Deployment"/> (each resolves the plan on its
/// node), and registers the dataflow with the frontier actor. When a bucket's node refuses the deployment or an
/// operator fails, it fails the dataflow (its <see cref="DataflowState"/>), unregisters it and stops it, leaving every
/// other dataflow of the actor system running. Buckets report to it by message, whatever their parent.
/// </summary>
internal sealed class DataflowActor : ReceiveActor, IWithTimers
{
    private readonly DataflowId id;
    private readonly DataflowPlan plan;
    private readonly RuntimeProtocol.Deployment deployment;
    private readonly NodePlans plans;
    private readonly IBucketPlacement placement;
    private readonly IActorRef frontier;
    private readonly DataflowSettings settings;
    private readonly DataflowState state;
    private readonly FlatTime minimum;
    private readonly int buckets;
    private readonly IReadOnlyList<IActorRef?>?[] instances;
    private readonly IActorRef[] bucketActors;
    private IActorRef? deployer;
    private bool failed;

    public DataflowActor(RuntimeProtocol.Deployment deployment, DataflowPlan plan, NodePlans plans, IBucketPlacement placement, IFrontierService frontiers, DataflowSettings settings, DataflowState state, FlatTime minimum)
    {
        this.placement = placement;
        id = deployment.Id;
        buckets = deployment.Buckets;
        this.deployment = deployment;
        this.plan = plan;
        this.plans = plans;
        frontier = frontiers.Frontier;
        this.settings = settings;
        this.state = state;
        this.minimum = minimum;
        instances = new IReadOnlyList<IActorRef?>?[buckets];
        bucketActors = new IActorRef[buckets];
        Receive<RuntimeProtocol.Deploy>(_ => DeployDataflow());
        Receive<RuntimeProtocol.BucketStarted>(started =>
        {
            instances[started.Bucket] = started.Operators;
            bucketActors[started.Bucket] = Sender;
            Context.Watch(Sender);
            if (!Array.Exists(instances, i => i is null))
                Route();
        });
        Receive<FrontierProtocol.Registered>(_ => Reply());
        Receive<Status.Failure>(refused =>
        {
            deployer?.Tell(refused);
            deployer = null;
            Fail(refused.Cause);
        });
        Receive<RuntimeProtocol.BucketRefused>(refused =>
        {
            var cause = new InvalidOperationException(refused.Reason);
            deployer?.Tell(new Status.Failure(cause));
            deployer = null;
            Fail(cause);
        });
        Receive<RuntimeProtocol.OperatorFailed>(failed => Fail(failed.Cause));
        Receive<LogMetrics>(_ => Context.GetLogger().Info(state.Metrics.Snapshot().ToString()));
        Receive<Terminated>(terminated =>
        {
            var bucket = Array.IndexOf(bucketActors, terminated.ActorRef);
            var cause = new InvalidOperationException(
                $"Dataflow '{id.Name}': bucket {bucket} at {terminated.ActorRef.Path.Address} stopped (its node left the cluster or stopped it); the dataflow cannot go on without it.");
            deployer?.Tell(new Status.Failure(cause));
            deployer = null;
            Fail(cause);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props of the owner of <paramref name="deployment"/>, whose plan the driver built as <paramref name="plan"/> (and added to <paramref name="plans"/>).</summary>
    public static Props Props<TTime>(RuntimeProtocol.Deployment deployment, DataflowPlan plan, NodePlans plans, IBucketPlacement placement, IFrontierService frontiers, DataflowSettings settings, DataflowState state) =>
        Akka.Actor.Props.Create(() => new DataflowActor(deployment, plan, plans, placement, frontiers, settings, state, FlatTime.From(Timestamp.Minimum<TTime>())));

    private Dictionary<int, IActorRef> Endpoints { get; } = [];

    protected override SupervisorStrategy SupervisorStrategy() => FailureReporting.ToSelf(Self);

    protected override void PostStop()
    {
        frontier.Tell(new FrontierProtocol.Unregister(id));
        plans.Release(id);
        state.Stopped();
    }

    private void DeployDataflow()
    {
        deployer = Sender;
        foreach (var node in plan.Operators)
            if (node.Endpoint is { } endpoint)
                Endpoints[node.Index] = Context.ActorOf(endpoint(buckets), $"endpoint-{node.Index}");
        for (var b = 0; b < buckets; b++)
            placement.Start(Context, new RuntimeProtocol.StartBucket(deployment, b, Self, Endpoints));
    }

    /// <summary>
    /// Every instance exists: tell each where the others are, then register with the frontier actor, which sends
    /// frontier changes to the instances that observe them. An instance stashes every message until it has the
    /// routes, so it knows them before its first activation whatever arrives first.
    /// </summary>
    private void Route()
    {
        var routes = new RuntimeProtocol.Routes([.. instances.Select(i => i!)]);
        foreach (var bucket in bucketActors)
            bucket.Tell(routes);
        // Sources start with a capability at the minimum time (an import: at its reader's frontier), one for an input
        // session, one per instance otherwise.
        var inputs = plan.Operators
            .Where(n => n.Inputs.Count == 0)
            .SelectMany(n => Enumerable.Range(0, n.Outputs.Count).SelectMany(port => (n.InitialCapabilities ?? [minimum]).Select(time =>
                new PointstampChange(Location.Source(n.Index, port), time, n.Factory is null ? 1 : buckets))))
            .ToList();
        // Operators that react to frontiers get them from the frontier actor directly, one hop fewer than through
        // their bucket; they stash everything until the routes arrive, so the order of the two does not matter.
        var observers = plan.Operators
            .Where(n => n.ObservesFrontiers && n.Factory is not null)
            .ToDictionary(n => n.Index, n => (IReadOnlyList<IActorRef>)[.. instances.Select(bucket => bucket![n.Index]!)]);
        frontier.Tell(new FrontierProtocol.Register(id, plan.Graph, inputs, [], observers));
    }

    private void Reply()
    {
        foreach (var (op, endpoint) in Endpoints)
            if (plan.Operators[op].IsProbe)
                ObserveConsumers(plan.Operators[op].Inputs[0], endpoint);
        deployer?.Tell(new RuntimeProtocol.Deployed(bucketActors, [.. instances.Select(i => i!)]));
        deployer = null;
        if (settings.MetricsLogInterval is { } interval)
            Timers.StartPeriodicTimer(nameof(LogMetrics), LogMetrics.Instance, interval);
    }

    /// <summary>
    /// Has <paramref name="probe"/> observe every consumer of the collection at <paramref name="source"/>: the input
    /// ports reading it, through the frontier actor, and the captures among them, through their delivery frontiers
    /// (a capture's updates take one more hop, to its handle, after its instance has processed them). The probe is
    /// told what to expect before any of them can report.
    /// </summary>
    private void ObserveConsumers(Location source, IActorRef probe)
    {
        var targets = new List<Location>();
        var captures = new List<IActorRef>();
        foreach (var node in plan.Operators)
            for (var port = 0; port < node.InputSources.Length; port++)
                if (node.InputSources[port] == source)
                {
                    if (node.DeliversToEndpoint)
                        captures.Add(Endpoints[node.Index]);
                    else
                        targets.Add(Location.Target(node.Index, port));
                }
        probe.Tell(new ProbeProtocol.Observe(targets, captures));
        foreach (var target in targets)
            frontier.Tell(new FrontierProtocol.Subscribe(id, target, probe));
        foreach (var capture in captures)
            capture.Tell(new ProbeProtocol.ReportDelivery(probe));
    }

    /// <summary>Logs the dataflow's counters (every <see cref="DataflowSettings.MetricsLogInterval"/>).</summary>
    private sealed record LogMetrics : ILocalOnly
    {
        public static LogMetrics Instance { get; } = new();
    }

    /// <summary>
    /// Fails the dataflow with the first cause, logged once as one line without a stack trace (the exception, with
    /// its trace, is the dataflow's <see cref="DataflowState.Completion"/>); failures of other buckets that follow are
    /// the same failure seen elsewhere and are not logged.
    /// </summary>
    private void Fail(Exception cause)
    {
        if (failed)
            return;
        failed = true;
        var failure = new DataflowFailedException($"Dataflow '{id.Name}' failed: {cause.Message}", cause);
        Context.GetLogger().Error(failure.Message);
        state.Fail(failure);
        Context.Stop(Self);
    }
}
