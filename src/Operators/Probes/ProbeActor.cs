using Akka.Actor;
using AkkaDifferential.Runtime.Progress;

namespace AkkaDifferential.Operators.Probes;

/// <summary>Receives the frontier of a probed input port from the frontier actor and advances the probe's handle.</summary>
internal sealed class ProbeActor<TTime> : ReceiveActor where TTime : notnull
{
    public ProbeActor(FrontierMonitor<TTime> monitor) =>
        Receive<FrontierProtocol.FrontiersAdvanced>(advanced =>
        {
            foreach (var target in advanced.Frontiers)
                monitor.Advance(new Antichain<TTime>(target.Frontier.Select(f => f.To<TTime>())));
        });

    public static Props Props(FrontierMonitor<TTime> monitor) => Akka.Actor.Props.Create(() => new ProbeActor<TTime>(monitor));
}
