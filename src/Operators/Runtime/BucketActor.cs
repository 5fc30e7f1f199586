using Akka.Actor;
using AkkaDifferential.Operators.Builder;

namespace AkkaDifferential.Operators.Runtime;

/// <summary>
/// One bucket (worker) of a dataflow: it owns, as children, the instances at this bucket of every operator of the
/// dataflow. Batches go straight from instance to instance once every instance knows the others
/// (<see cref="RuntimeProtocol.Routes"/>), and frontier changes straight from the frontier actor to the instances
/// that observe them. A bucket is a child of the dataflow actor, to which it escalates the failures of its operator
/// instances.
/// </summary>
internal sealed class BucketActor : UntypedActor, IWithUnboundedStash
{
    private readonly DataflowId dataflow;
    private readonly DataflowPlan plan;
    private readonly int bucket;
    private readonly IActorRef frontier;
    private readonly DataflowSettings settings;
    private readonly DataflowMetrics metrics;
    private readonly IActorRef?[] operators;

    public BucketActor(DataflowId dataflow, DataflowPlan plan, int bucket, IActorRef frontier, DataflowSettings settings, DataflowMetrics metrics)
    {
        this.metrics = metrics;
        this.dataflow = dataflow;
        this.plan = plan;
        this.bucket = bucket;
        this.frontier = frontier;
        this.settings = settings;
        operators = new IActorRef?[plan.Operators.Count];
    }

    public IStash Stash { get; set; } = null!;

    public static Props Props(DataflowId dataflow, DataflowPlan plan, int bucket, IActorRef frontier, DataflowSettings settings, DataflowMetrics metrics) =>
        Akka.Actor.Props.Create(typeof(BucketActor), dataflow, plan, bucket, frontier, settings, metrics);

    // Not logged here: the dataflow actor logs one error per failed dataflow, however many buckets fail.
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Escalate, loggingEnabled: false);

    protected override void OnReceive(object message)
    {
        if (message is not RuntimeProtocol.StartBucket start)
        {
            Stash.Stash();
            return;
        }
        foreach (var node in plan.Operators)
        {
            if (node.Factory is null)
                continue;
            var environment = new InstanceEnvironment(dataflow, node, bucket, start.Buckets, frontier, start.Endpoints.GetValueOrDefault(node.Index), settings, metrics);
            operators[node.Index] = Context.ActorOf(OperatorActor.Props(environment), $"op-{node.Index}");
        }
        Context.Parent.Tell(new RuntimeProtocol.BucketStarted(bucket, operators));
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
            default:
                Unhandled(message);
                break;
        }
    }
}
