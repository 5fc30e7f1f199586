using System.Collections.Concurrent;
using Akka.Actor;
using AkkaDifferential.Operators.Runtime;
using AkkaDifferential.Runtime.Progress;

namespace AkkaDifferential.Operators.Tests.Recovery;

/// <summary>
/// An engine in one process whose dataflows can lose what a cluster loses with a member, so that recovery can be
/// tested thoroughly without processes: buckets are started as top-level actors (as a shard would host them, not as
/// children of their owner), so that a test can stop one while its dataflow runs; and the frontier actor sits behind
/// a forwarding proxy (as a cluster singleton behind its proxy), so that a test can replace it with a fresh one, as
/// when the singleton's member is lost. Dataflows are deployed by name, as on a cluster.
/// </summary>
public sealed class LosableEngine : IAsyncDisposable
{
    private readonly Frontiers frontiers;
    private readonly Placement placement;

    private LosableEngine(string? hocon)
    {
        var config = Akka.Configuration.ConfigurationFactory.ParseString(hocon ?? "").WithFallback(DefaultConfig.Load());
        var system = ActorSystem.Create("losable", config);
        var settings = DataflowSettings.FromConfig(config);
        frontiers = new Frontiers(system);
        placement = new Placement(system, frontiers.Progress, settings);
        Engine = DifferentialEngine.Attach(system, settings, frontiers, "losable", ownsSystem: true, plans => placement.With(plans));
    }

    /// <summary>The engine: register definitions on it and deploy them by name.</summary>
    public DifferentialEngine Engine { get; }

    /// <summary>While false, buckets do not start (as when no member is left to host them).</summary>
    public bool Placing
    {
        get => placement.Placing;
        set => placement.Placing = value;
    }

    /// <summary>An engine with <paramref name="hocon"/> over the defaults.</summary>
    public static LosableEngine Create(string? hocon = null) => new(hocon);

    /// <summary>Stops bucket <paramref name="bucket"/> of <paramref name="dataflow"/>'s current incarnation, as a lost member does.</summary>
    public static void Lose<THandles>(Dataflow<THandles> dataflow, int bucket) => dataflow.Buckets[bucket].Tell(PoisonPill.Instance);

    /// <summary>
    /// Waits until <paramref name="dataflow"/> has recovered <paramref name="recoveries"/> times: a loss is a message
    /// to the lost actor, which a busy dispatcher may handle after the rounds that follow it.
    /// </summary>
    public static async Task RecoveredAsync<THandles>(Dataflow<THandles> dataflow, int recoveries, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (dataflow.Recoveries < recoveries)
        {
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"Waited {timeout.TotalSeconds} s for {recoveries} recoveries of dataflow '{dataflow.Name}'; it has recovered {dataflow.Recoveries} times.");
            await Task.Delay(10);
        }
    }

    /// <summary>Stops the frontier actor and starts a fresh one behind the proxy, as a singleton moving to another member does.</summary>
    public void LoseFrontier() => frontiers.Replace();

    public async ValueTask DisposeAsync() => await Engine.DisposeAsync();

    /// <summary>Buckets as top-level actors, each started once however often its start is repeated.</summary>
    private sealed class Placement(ActorSystem system, IActorRef progress, DataflowSettings settings)
    {
        private readonly ConcurrentDictionary<string, bool> started = new();

        public volatile bool Placing = true;

        public IBucketPlacement With(NodePlans plans) => new Started(this, plans);

        /// <summary>Starts the bucket unless it was started already or placing is off.</summary>
        private void Start(NodePlans plans, IActorContext owner, RuntimeProtocol.StartBucket start)
        {
            var name = $"bucket-{start.Deployment.Id.Instance:N}-{start.Bucket}";
            if (!Placing || !started.TryAdd(name, true))
                return;
            system.ActorOf(BucketActor.Props(plans, progress, settings), name).Tell(start, owner.Self);
        }

        private sealed class Started(Placement outer, NodePlans plans) : IBucketPlacement
        {
            public bool Recovers => true;

            public void Start(IActorContext owner, RuntimeProtocol.StartBucket start) => outer.Start(plans, owner, start);

            // One process: nothing crosses nodes.
            public void Check(RuntimeProtocol.Deployment deployment, Operators.Builder.DataflowPlan plan)
            {
            }

            public Task ReadyAsync(TimeSpan timeout, CancellationToken cancellation) => Task.CompletedTask;
        }
    }

    /// <summary>A frontier actor behind a proxy that forwards to whichever is current, and this node's progress agent reporting to the proxy.</summary>
    private sealed class Frontiers : IFrontierService
    {
        private readonly ActorSystem system;
        private IActorRef actor;

        public Frontiers(ActorSystem system)
        {
            this.system = system;
            actor = system.ActorOf(FrontierActor.Props());
            Frontier = system.ActorOf(Props.Create(() => new Forwarder(actor)), "frontier-proxy");
            Progress = system.ActorOf(ProgressAgent.Props(Frontier, "losable", TimeSpan.FromMilliseconds(300)), "progress-agent");
        }

        public IActorRef Frontier { get; }

        public bool Moves => true;

        public IActorRef Progress { get; }

        public void Replace()
        {
            var lost = actor;
            actor = system.ActorOf(FrontierActor.Props());
            lost.Tell(PoisonPill.Instance);
            Frontier.Tell(new Forwarder.To(actor));
        }
    }

    /// <summary>Forwards everything to its target, keeping the sender, as a singleton proxy does.</summary>
    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(IActorRef target)
        {
            Receive<To>(to => target = to.Target);
            ReceiveAny(message => target.Forward(message));
        }

        public sealed record To(IActorRef Target);
    }
}
