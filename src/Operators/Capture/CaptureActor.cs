using Akka.Actor;
using AkkaDifferential.Operators.Probes;
using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Operators.Capture;

/// <summary>
/// Collects what a capture's instances send into the capture's handle, and tells the probes of the same collection
/// how far the handle is complete (its delivery frontier), after the updates before it have been added.
/// </summary>
internal sealed class CaptureActor<TData, TTime, TDiff> : ReceiveActor where TData : notnull where TTime : notnull
{
    private readonly List<IActorRef> probes = [];
    private Antichain<TTime>? delivered;

    public CaptureActor(CaptureHandle<TData, TTime, TDiff> handle)
    {
        Receive<CaptureProtocol.Captured>(captured => handle.Add((UpdateBatch<TData, TTime, TDiff>)captured.Batch));
        Receive<CaptureProtocol.CapturedFrontier>(frontier =>
        {
            var combined = handle.Advance(frontier.Bucket, frontier.Frontier);
            if (combined.Equals(delivered))
                return;
            delivered = combined;
            foreach (var probe in probes)
                probe.Tell(Delivered(combined));
        });
        Receive<ProbeProtocol.ReportDelivery>(report =>
        {
            probes.Add(report.Probe);
            report.Probe.Tell(Delivered(delivered ?? handle.Frontier));
        });
    }

    public static Props Props(CaptureHandle<TData, TTime, TDiff> handle) =>
        Akka.Actor.Props.Create(() => new CaptureActor<TData, TTime, TDiff>(handle));

    private static ProbeProtocol.Delivered Delivered(Antichain<TTime> frontier) => new([.. frontier.Elements.Select(FlatTime.From)]);
}
