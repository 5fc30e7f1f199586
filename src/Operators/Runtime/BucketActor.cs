using Akka.Actor;
using Akka.Event;
using AkkaDifferential.Operators.Builder;
using AkkaDifferential.Operators.Metrics;
using AkkaDifferential.Runtime.Wire;

namespace AkkaDifferential.Operators.Runtime;

/// <summary>
/// One bucket (worker) of a dataflow: it resolves the deployment's plan on its node (<see cref="NodePlans"/>: the
/// driver's build, or the node's own build of the registered definition, checked against the driver's) and owns, as
/// children, the instances at this bucket of every operator of the dataflow. Batches go straight from instance to
/// instance once every instance knows the others (<see cref="RuntimeProtocol.Routes"/>), their progress to the
/// node's progress agent, and frontier changes straight from the frontier actor to the instances that observe them. Whatever its parent (the dataflow actor on
/// one node, a shard in a cluster), it reports to the dataflow's owner by message: its start, a refusal, the
/// failure of an operator instance, which it stops, and the counters of its instances (<see cref="BucketReporter"/>:
/// every <see cref="DataflowSettings.MetricsReportInterval"/> of its node while they change, and when the owner asks).
/// </summary>
internal sealed class BucketActor : UntypedActor, IWithUnboundedStash, IWithTimers
{
    private readonly NodePlans plans;
    private readonly IActorRef progress;
    private readonly DataflowSettings settings;
    private IActorRef?[] operators = [];
    private IActorRef? owner;
    private DataflowId? resolved;
    private BucketReporter? reporter;

    public BucketActor(NodePlans plans, IActorRef progress, DataflowSettings settings)
    {
        this.plans = plans;
        this.progress = progress;
        this.settings = settings;
    }

    public IStash Stash { get; set; } = null!;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(NodePlans plans, IActorRef progress, DataflowSettings settings) =>
        Akka.Actor.Props.Create(typeof(BucketActor), plans, progress, settings);

    protected override SupervisorStrategy SupervisorStrategy() => FailureReporting.ToSelf(Self);

    protected override void PostStop()
    {
        if (resolved is { } id)
            plans.Release(id);
    }

    protected override void OnReceive(object message)
    {
        if (message is not RuntimeProtocol.StartBucket start)
        {
            Stash.Stash();
            return;
        }
        owner = start.Owner;
        // A bucket lives while its owner does: under sharding its parent is a shard, which outlives the dataflow.
        Context.Watch(owner);
        var deployment = start.Deployment;
        if (!plans.TryResolve(deployment, out var plan, out var refusal))
        {
            owner.Tell(new RuntimeProtocol.BucketRefused(deployment.Id, start.Bucket, refusal));
            Context.Stop(Self);
            return;
        }
        resolved = deployment.Id;
        operators = new IActorRef?[plan.Operators.Count];
        foreach (var node in plan.Operators)
        {
            if (node.Factory is null)
                continue;
            var environment = new InstanceEnvironment(deployment.Id, node, start.Bucket, deployment.Buckets, progress, start.Endpoints.GetValueOrDefault(node.Index), settings);
            operators[node.Index] = Context.ActorOf(OperatorActor.Props(environment), $"op-{node.Index}");
        }
        owner.Tell(new RuntimeProtocol.BucketStarted(deployment.Id, start.Bucket, operators));
        var member = ((ExtendedActorSystem)Context.System).Provider.DefaultAddress.ToString();
        reporter = new BucketReporter(deployment.Id, start.Bucket, member, owner, [.. operators.OfType<IActorRef>()]);
        if (settings.MetricsReportInterval is { } interval)
            Timers.StartPeriodicTimer(nameof(ReportMetrics), ReportMetrics.Instance, interval);
        Become(Running);
        Stash.UnstashAll();
    }

    private void Running(object message)
    {
        switch (message)
        {
            case RuntimeProtocol.Routes routes:
                foreach (var instance in operators)
                    instance?.Tell(routes);
                break;
            case RuntimeProtocol.OperatorFailed failed:
                owner!.Tell(failed with { Dataflow = resolved });
                break;
            case MetricsProtocol.Collected collected:
                reporter!.Received(collected, Sender, Self);
                break;
            case ReportMetrics:
                reporter!.Tick(Self);
                break;
            case MetricsProtocol.ReportNow request when request.Dataflow == resolved:
                reporter!.Requested(request.Request, Self);
                break;
            case Terminated terminated when terminated.ActorRef.Equals(owner):
                Context.Stop(Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <summary>
    /// The bucket's timer: time to collect and report its counters. A tick in the mailbox when the bucket stops with
    /// its dataflow is a dead letter of that orderly stop, not logged.
    /// </summary>
    private sealed record ReportMetrics : ILocalOnly, IDeadLetterSuppression
    {
        public static ReportMetrics Instance { get; } = new();
    }
}
