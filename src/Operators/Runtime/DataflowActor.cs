using Akka.Actor;
using Akka.Event;
using AkkaDifferential.Operators.Builder;
using AkkaDifferential.Operators.Dataflows;
using AkkaDifferential.Operators.Metrics;
using AkkaDifferential.Operators.Probes;
using AkkaDifferential.Operators.Recovery;
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
/// other dataflow of the actor system running. Buckets report to it by message, whatever their parent, their
/// counters too: it keeps each bucket's latest report in the dataflow's <see cref="DataflowMetrics"/>, and has every
/// bucket report at once when the driver asks for a fresh snapshot (<see cref="MetricsProtocol.Refresh"/>).
/// </summary>
/// <remarks>
/// <para>It watches its buckets and, on a cluster, the frontier singleton that registered the dataflow. When one of
/// them stops (its member was lost, or left), a dataflow that recovers (<see cref="DataflowState.Recoverable"/>)
/// gives its <see cref="Incarnation"/> up and deploys the next, one mechanism for every loss (docs/recovery.md): it
/// unregisters the lost incarnation's progress and stops its surviving buckets, detaches the input sessions (which
/// keep accepting and retaining updates), tells the endpoints which incarnation to hear from now on and from which
/// frontier the input is replayed, starts the buckets again under a new id (sharding places the lost ones on the
/// surviving members), registers the new incarnation with the frontier actor (a new singleton, if it moved: the
/// dataflow's progress restarts with it), and then has the sessions replay what they retained. A dataflow that does
/// not recover fails, naming the bucket or frontier actor and where it was.</para>
/// <para>It also computes the delivered frontier: the meet of the frontiers its endpoints report
/// (<see cref="DeliveredFrontiers"/>), published to the sessions through its state, which compact what they retain
/// to it and wait for it when they have too much in flight (docs/back-pressure.md).</para>
/// </remarks>
internal sealed class DataflowActor : ReceiveActor, IWithTimers
{
    /// <summary>How often the start of a bucket that has not answered is repeated (its message may have gone to a lost node).</summary>
    private static readonly TimeSpan RetryStartAfter = TimeSpan.FromSeconds(1);

    private readonly DataflowPlan plan;
    private readonly NodePlans plans;
    private readonly IBucketPlacement placement;
    private readonly IActorRef frontier;
    private readonly IActorRef progress;
    private readonly bool frontierMoves;
    private readonly DataflowSettings settings;
    private readonly DataflowState state;
    private readonly FlatTime minimum;
    private readonly IReadOnlyList<IRecoverableInput> inputs;
    // Why a loss cannot be recovered from, checked when one happens: null when it can.
    private readonly string? notRecoverable;
    private readonly RefreshRequests refreshes;
    private Incarnation current;
    private DeliveredFrontiers delivered = null!;
    private IActorRef? deployer;
    private bool failed;

    public DataflowActor(RuntimeProtocol.Deployment deployment, DataflowPlan plan, NodePlans plans, IBucketPlacement placement, IFrontierService frontiers, DataflowSettings settings, DataflowState state, FlatTime minimum, IReadOnlyList<IRecoverableInput> inputs)
    {
        this.placement = placement;
        this.plan = plan;
        this.plans = plans;
        frontier = frontiers.Frontier;
        progress = frontiers.Progress;
        frontierMoves = frontiers.Moves;
        this.settings = settings;
        this.state = state;
        this.minimum = minimum;
        this.inputs = inputs;
        current = new Incarnation(deployment, 0);
        refreshes = new RefreshRequests(deployment.Buckets);
        notRecoverable = NotRecoverable(plan, placement, settings);
        Receive<RuntimeProtocol.Deploy>(_ => DeployDataflow());
        Receive<RuntimeProtocol.BucketStarted>(OnBucketStarted);
        Receive<RetryStart>(retry => RetryStarts(retry.Dataflow));
        Receive<FrontierProtocol.Registered>(registered =>
        {
            if (registered.Dataflow != current.Id)
                return;
            current.Frontier = Sender;
            if (frontierMoves)
                Context.Watch(Sender);
            Reply();
        });
        Receive<Status.Failure>(refused => Fail(refused.Cause));
        Receive<RuntimeProtocol.BucketRefused>(refused =>
        {
            if (refused.Dataflow != current.Id)
                return;
            Fail(new InvalidOperationException(refused.Reason));
        });
        Receive<RuntimeProtocol.OperatorFailed>(failure =>
        {
            // A failure in an incarnation given up (its instances stopping, or cut off from a lost node) is not the dataflow's.
            if (failure.Dataflow is not { } incarnation || incarnation == current.Id)
                Fail(failure.Cause);
        });
        Receive<FrontierProtocol.BacklogChanged>(changed =>
        {
            if (changed.Dataflow == current.Id)
                state.SetBacklogged(changed.OverBound);
        });
        Receive<ProbeProtocol.Delivered>(report =>
        {
            if (delivered.Report(Sender, report.Frontier))
                state.AdvanceDelivered([.. delivered.Meet.Elements]);
        });
        Receive<RecoveryTimeout>(timeout =>
        {
            if (timeout.Dataflow == current.Id && current.Frontier is null)
                Fail(new TimeoutException(
                    $"Dataflow '{state.Name}' could not redeploy within {settings.DeployTimeout.TotalSeconds:0.###} s, the '{DataflowSettings.Section}.deploy-timeout' setting: " +
                    $"{current.Buckets.Count(b => b is null)} of its {current.Buckets.Length} buckets did not start{(current.AllStarted ? " or the frontier actor did not answer" : "")} (are enough members up?)."));
        });
        Receive<MetricsProtocol.BucketReport>(report =>
        {
            // A report of an incarnation given up counts no more: its buckets count from zero again.
            if (report.Dataflow != current.Id)
                return;
            state.Metrics.Publish(report);
            if (report.Request > 0)
                refreshes.Answered(report.Bucket, report.Request);
        });
        Receive<MetricsProtocol.Refresh>(_ =>
        {
            refreshes.Add(Sender);
            if (current.AllStarted)
                AskForReports();
        });
        Receive<LogMetrics>(_ => Context.GetLogger().Info(state.Metrics.Snapshot().ToString()));
        Receive<Terminated>(terminated =>
        {
            var lost = terminated.ActorRef;
            var bucket = current.BucketOf(lost);
            if (bucket >= 0)
                Lost($"bucket {bucket} at {lost.Path.Address} stopped (its node left the cluster or stopped it)");
            else if (lost.Equals(current.Frontier))
                Lost($"its frontier actor at {lost.Path.Address} stopped (the frontier singleton's member left the cluster)");
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props of the owner of <paramref name="deployment"/>, whose plan the driver built as <paramref name="plan"/> (and added to <paramref name="plans"/>).</summary>
    public static Props Props<TTime>(RuntimeProtocol.Deployment deployment, DataflowPlan plan, NodePlans plans, IBucketPlacement placement, IFrontierService frontiers, DataflowSettings settings, DataflowState state, IReadOnlyList<IRecoverableInput> inputs) =>
        Akka.Actor.Props.Create(() => new DataflowActor(deployment, plan, plans, placement, frontiers, settings, state, FlatTime.From(Timestamp.Minimum<TTime>()), inputs));

    private Dictionary<int, IActorRef> Endpoints { get; } = [];

    protected override SupervisorStrategy SupervisorStrategy() => FailureReporting.ToSelf(Self);

    protected override void PostStop()
    {
        frontier.Tell(new FrontierProtocol.Unregister(current.Id));
        plans.Release(current.Id);
        state.Stopped();
    }

    /// <summary>Why a dataflow placed by <paramref name="placement"/> cannot recover from a loss, or null when it can.</summary>
    private static string? NotRecoverable(DataflowPlan plan, IBucketPlacement placement, DataflowSettings settings)
    {
        if (!placement.Recovers)
            return "its buckets run on the driver's node";
        if (!settings.Recovery)
            return $"recovery is off ('{DataflowSettings.Section}.recovery')";
        if (plan.Operators.FirstOrDefault(n => n.Kind == "Import") is { } import)
            return $"it imports an arrangement of another dataflow ('{import.Name}'), and a dataflow that imports does not recover (docs/recovery.md)";
        return null;
    }

    /// <summary>True when the dataflow placed by <paramref name="placement"/> with <paramref name="plan"/> redeploys itself after a loss (so its inputs retain).</summary>
    public static bool Recovers(DataflowPlan plan, IBucketPlacement placement, DataflowSettings settings) => NotRecoverable(plan, placement, settings) is null;

    private void DeployDataflow()
    {
        deployer = Sender;
        foreach (var node in plan.Operators)
            if (node.Endpoint is { } endpoint)
                Endpoints[node.Index] = Context.ActorOf(endpoint(current.Deployment.Buckets), $"endpoint-{node.Index}");
        delivered = new DeliveredFrontiers(Endpoints.Values, minimum);
        state.AdvanceDelivered([.. delivered.Meet.Elements]);
        foreach (var endpoint in Endpoints.Values)
            endpoint.Tell(new ProbeProtocol.ReportDelivery(Self));
        Start(current);
    }

    private void Start(Incarnation incarnation)
    {
        for (var b = 0; b < incarnation.Buckets.Length; b++)
            placement.Start(Context, new RuntimeProtocol.StartBucket(incarnation.Deployment, b, Self, Endpoints));
        if (placement.Recovers)
            Timers.StartPeriodicTimer(nameof(RetryStart), new RetryStart(incarnation.Id), RetryStartAfter);
    }

    private void RetryStarts(DataflowId dataflow)
    {
        if (dataflow != current.Id || current.AllStarted)
        {
            Timers.Cancel(nameof(RetryStart));
            return;
        }
        for (var b = 0; b < current.Buckets.Length; b++)
            if (current.Buckets[b] is null)
                placement.Start(Context, new RuntimeProtocol.StartBucket(current.Deployment, b, Self, Endpoints));
    }

    private void OnBucketStarted(RuntimeProtocol.BucketStarted started)
    {
        if (started.Dataflow != current.Id)
        {
            // A bucket of an incarnation given up that started late: it watches this owner, so stop it here.
            Sender.Tell(PoisonPill.Instance);
            return;
        }
        if (current.Buckets[started.Bucket] is not null)
            return;
        current.Instances[started.Bucket] = started.Operators;
        current.Buckets[started.Bucket] = Sender;
        Context.Watch(Sender);
        if (current.AllStarted)
        {
            Timers.Cancel(nameof(RetryStart));
            Route();
            if (refreshes.Waiting)
                AskForReports();
        }
    }

    /// <summary>Has every bucket of the current incarnation report its counters for the latest refresh request.</summary>
    private void AskForReports()
    {
        var request = new MetricsProtocol.ReportNow(current.Id, refreshes.Latest);
        foreach (var bucket in current.Buckets)
            bucket!.Tell(request);
    }

    /// <summary>
    /// Every instance exists: tell each where the others are, then register with the frontier actor, which sends
    /// frontier changes to the instances that observe them. An instance stashes every message until it has the
    /// routes, so it knows them before its first activation whatever arrives first.
    /// </summary>
    private void Route()
    {
        var instances = current.Instances.Select(i => i!).ToList();
        var routes = new RuntimeProtocol.Routes(instances);
        foreach (var bucket in current.Buckets)
            bucket!.Tell(routes);
        var buckets = current.Buckets.Length;
        // Sources start with a capability at the minimum time (an import: at its reader's frontier), one for an input
        // session, one per instance otherwise.
        var sources = plan.Operators
            .Where(n => n.Inputs.Count == 0)
            .SelectMany(n => Enumerable.Range(0, n.Outputs.Count).SelectMany(port => (n.InitialCapabilities ?? [minimum]).Select(time =>
                new PointstampChange(Location.Source(n.Index, port), time, n.Factory is null ? 1 : buckets))))
            .ToList();
        // Operators that react to frontiers get them from the frontier actor directly, one hop fewer than through
        // their bucket; they stash everything until the routes arrive, so the order of the two does not matter.
        var observers = plan.Operators
            .Where(n => n.ObservesFrontiers && n.Factory is not null)
            .ToDictionary(n => n.Index, n => (IReadOnlyList<IActorRef>)[.. instances.Select(bucket => bucket[n.Index]!)]);
        // A new registration counts its backlog from zero: what an earlier incarnation queued is no longer waited for.
        state.SetBacklogged(false);
        var backlog = settings.InputMaxQueuedBatches is { } perBucket ? new FrontierProtocol.BacklogWatch(Self, (long)perBucket * buckets) : null;
        frontier.Tell(new FrontierProtocol.Register(current.Id, plan.Graph, sources, [], observers, backlog));
    }

    /// <summary>
    /// The incarnation is registered: its probes observe it, the deployer learns where the dataflow runs, and after a
    /// redeployment the input sessions replay what they retained to it.
    /// </summary>
    private void Reply()
    {
        foreach (var (op, endpoint) in Endpoints)
            if (plan.Operators[op].IsProbe)
                ObserveConsumers(plan.Operators[op].Inputs[0], endpoint);
        var placed = new DeployedDataflow(current.Id, [.. current.Buckets.Select(b => b!)], [.. current.Instances.Select(i => i!)], frontier, progress, state, current.Number);
        state.Deployed(placed);
        if (current.Number > 0)
        {
            Timers.Cancel(nameof(RecoveryTimeout));
            foreach (var input in inputs)
                input.Replay(placed);
            Context.GetLogger().Warning("Dataflow '{0}' redeployed as incarnation {1} in {2:0} ms and replayed its retained input", state.Name, current.Number, current.Age.TotalMilliseconds);
        }
        deployer?.Tell(RuntimeProtocol.Deployed.Instance);
        deployer = null;
        if (current.Number == 0 && settings.MetricsLogInterval is { } interval)
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
        probe.Tell(new ProbeProtocol.Observe(current.Id, targets, captures));
        foreach (var target in targets)
            frontier.Tell(new FrontierProtocol.Subscribe(current.Id, target, probe));
        foreach (var capture in captures)
            capture.Tell(new ProbeProtocol.ReportDelivery(probe));
    }

    /// <summary>A bucket or the frontier actor of the current incarnation stopped: recover, or fail naming <paramref name="what"/>.</summary>
    private void Lost(string what)
    {
        var why = notRecoverable ?? (state.HasTraceReaders ? "trace readers of its arrangements were created, and a dataflow whose traces are read does not recover (docs/recovery.md)" : null);
        if (why is not null)
        {
            Fail(new InvalidOperationException($"Dataflow '{state.Name}': {what}; the dataflow cannot go on without it ({why})."));
            return;
        }
        Recover(what);
    }

    /// <summary>Gives the current incarnation up and deploys the next (see the remarks of this class).</summary>
    private void Recover(string what)
    {
        var lost = current;
        var next = lost.Next();
        Context.GetLogger().Warning("Dataflow '{0}': {1}; redeploying it as incarnation {2} and replaying its retained input", state.Name, what, next.Number);
        frontier.Tell(new FrontierProtocol.Unregister(lost.Id));
        plans.Release(lost.Id);
        foreach (var bucket in lost.Buckets)
        {
            if (bucket is null)
                continue;
            Context.Unwatch(bucket);
            bucket.Tell(PoisonPill.Instance);
        }
        if (lost.Frontier is { } lostFrontier)
            Context.Unwatch(lostFrontier);
        foreach (var input in inputs)
            input.Detach();
        current = next;
        state.Metrics.Reset();
        refreshes.Restart();
        plans.Add(next.Id, plan);
        var since = delivered.Meet.Elements.ToArray();
        foreach (var endpoint in Endpoints.Values)
            endpoint.Tell(new RecoveryProtocol.Recover(next.Id, since));
        Start(next);
        Timers.StartSingleTimer(nameof(RecoveryTimeout), new RecoveryTimeout(next.Id), settings.DeployTimeout);
    }

    // The owner's timers: a tick still in the mailbox when the dataflow stops is a dead letter of that orderly stop, not logged.

    /// <summary>Logs the dataflow's counters (every <see cref="DataflowSettings.MetricsLogInterval"/>).</summary>
    private sealed record LogMetrics : ILocalOnly, IDeadLetterSuppression
    {
        public static LogMetrics Instance { get; } = new();
    }

    /// <summary>Repeats the start of the buckets of <paramref name="Dataflow"/> that have not answered.</summary>
    private sealed record RetryStart(DataflowId Dataflow) : ILocalOnly, IDeadLetterSuppression;

    /// <summary>Fails the dataflow if incarnation <paramref name="Dataflow"/> is not registered by now.</summary>
    private sealed record RecoveryTimeout(DataflowId Dataflow) : ILocalOnly, IDeadLetterSuppression;

    /// <summary>
    /// Fails the dataflow with the first cause, logged once as one line without a stack trace (the exception, with
    /// its trace, is the dataflow's <see cref="DataflowState.Completion"/>, and the deployment's failure while it
    /// deploys); failures of other buckets that follow are the same failure seen elsewhere and are not logged.
    /// </summary>
    private void Fail(Exception cause)
    {
        deployer?.Tell(new Status.Failure(cause));
        deployer = null;
        if (failed)
            return;
        failed = true;
        var failure = new DataflowFailedException($"Dataflow '{state.Name}' failed: {cause.Message}", cause);
        Context.GetLogger().Error(failure.Message);
        state.Fail(failure);
        Context.Stop(Self);
    }
}
