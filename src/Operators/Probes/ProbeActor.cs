using Akka.Actor;
using AkkaDifferential.Operators.Recovery;
using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Progress.Tracking;
using AkkaDifferential.Runtime.Progress;

namespace AkkaDifferential.Operators.Probes;

/// <summary>
/// Keeps a probe's frontier: the meet of the frontiers of every input port that reads the probed collection (from
/// the frontier actor; such a frontier passes a time only once the operator has processed every batch at that time
/// sent to it) and of the delivery frontiers of the captures that read it (from their actors, after the updates have
/// reached their handles). So when the probe passes a time, every consumer of the collection — an inspect's action,
/// a capture's handle — has seen all of the collection's updates at that time, not just the collection produced them.
/// </summary>
/// <remarks>
/// When its dataflow redeploys itself (<see cref="RecoveryProtocol.Recover"/>), the probe waits for what the new
/// incarnation tells it to observe, hears that incarnation only, and keeps the frontier it had reached until the new
/// incarnation passes it: a probe's frontier never goes back. The owner of a dataflow that recovers asks it, as it
/// asks captures, to report its frontier (<see cref="ProbeProtocol.ReportDelivery"/>).
/// </remarks>
internal sealed class ProbeActor<TTime> : UntypedActor, IWithUnboundedStash where TTime : notnull
{
    private readonly FrontierMonitor<TTime> monitor;
    private readonly Dictionary<Location, Antichain<TTime>> targets = [];
    private readonly Dictionary<IActorRef, Antichain<TTime>> captures = [];
    private readonly HashSet<IActorRef> reportTo = [];
    private DataflowId observed;
    // After a recovery: the frontier reached before it, until the new incarnation passes it.
    private Antichain<TTime>? floor;

    public ProbeActor(FrontierMonitor<TTime> monitor) => this.monitor = monitor;

    public IStash Stash { get; set; } = null!;

    public static Props Props(FrontierMonitor<TTime> monitor) => Akka.Actor.Props.Create(() => new ProbeActor<TTime>(monitor));

    protected override void OnReceive(object message)
    {
        // Nothing counts before the probe knows everything it waits for: a meet over some of them could pass too early.
        if (message is RecoveryProtocol.Recover)
        {
            // Lost before it was observed (during its first deployment): wait for the next incarnation's observation.
            floor = monitor.Frontier;
            return;
        }
        if (message is not ProbeProtocol.Observe observe)
        {
            Stash.Stash();
            return;
        }
        observed = observe.Dataflow;
        targets.Clear();
        captures.Clear();
        foreach (var target in observe.Targets)
            targets[target] = Antichain<TTime>.From(Timestamp.Minimum<TTime>());
        foreach (var capture in observe.Captures)
            captures[capture] = Antichain<TTime>.From(Timestamp.Minimum<TTime>());
        Become(Observing);
        Stash.UnstashAll();
    }

    private void Observing(object message)
    {
        switch (message)
        {
            case FrontierProtocol.FrontiersAdvanced advanced when advanced.Dataflow == observed:
                foreach (var target in advanced.Frontiers)
                    if (targets.ContainsKey(target.Target))
                        targets[target.Target] = Decode(target.Frontier);
                break;
            case FrontierProtocol.FrontiersAdvanced:
                // Of a lost incarnation.
                return;
            case ProbeProtocol.Delivered delivered when captures.ContainsKey(Sender):
                captures[Sender] = Decode(delivered.Frontier);
                break;
            case ProbeProtocol.ReportDelivery report:
                reportTo.Add(report.Probe);
                report.Probe.Tell(Delivered(monitor.Frontier));
                return;
            case RecoveryProtocol.Recover:
                floor = monitor.Frontier;
                Become(OnReceive);
                return;
            default:
                Unhandled(message);
                return;
        }
        var meet = new Antichain<TTime>(targets.Values.Concat(captures.Values).SelectMany(f => f.Elements));
        if (floor is not null && floor.Dominates(meet))
            floor = null;
        var frontier = floor is null ? meet : Antichain<TTime>.Join(floor, meet);
        if (frontier.Equals(monitor.Frontier))
            return;
        monitor.Advance(frontier);
        foreach (var owner in reportTo)
            owner.Tell(Delivered(frontier));
    }

    private static Antichain<TTime> Decode(FlatTime[] frontier) => new(frontier.Select(f => f.To<TTime>()));

    private static ProbeProtocol.Delivered Delivered(Antichain<TTime> frontier) => new([.. frontier.Elements.Select(FlatTime.From)]);
}
