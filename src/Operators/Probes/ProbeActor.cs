using Akka.Actor;
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
internal sealed class ProbeActor<TTime> : UntypedActor, IWithUnboundedStash where TTime : notnull
{
    private readonly FrontierMonitor<TTime> monitor;
    private readonly Dictionary<Location, Antichain<TTime>> targets = [];
    private readonly Dictionary<IActorRef, Antichain<TTime>> captures = [];

    public ProbeActor(FrontierMonitor<TTime> monitor) => this.monitor = monitor;

    public IStash Stash { get; set; } = null!;

    public static Props Props(FrontierMonitor<TTime> monitor) => Akka.Actor.Props.Create(() => new ProbeActor<TTime>(monitor));

    protected override void OnReceive(object message)
    {
        // Nothing counts before the probe knows everything it waits for: a meet over some of them could pass too early.
        if (message is not ProbeProtocol.Observe observe)
        {
            Stash.Stash();
            return;
        }
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
            case FrontierProtocol.FrontiersAdvanced advanced:
                foreach (var target in advanced.Frontiers)
                    if (targets.ContainsKey(target.Target))
                        targets[target.Target] = Decode(target.Frontier);
                break;
            case ProbeProtocol.Delivered delivered when captures.ContainsKey(Sender):
                captures[Sender] = Decode(delivered.Frontier);
                break;
            default:
                Unhandled(message);
                return;
        }
        monitor.Advance(new Antichain<TTime>(targets.Values.Concat(captures.Values).SelectMany(f => f.Elements)));
    }

    private static Antichain<TTime> Decode(FlatTime[] frontier) => new(frontier.Select(f => f.To<TTime>()));
}
