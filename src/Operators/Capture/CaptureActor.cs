using Akka.Actor;
using AkkaDifferential.Operators.Probes;
using AkkaDifferential.Operators.Recovery;
using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Operators.Capture;

/// <summary>
/// Collects what a capture's instances send into the capture's handle, and tells the probes of the same collection
/// (and, for a dataflow that recovers, its owner) how far the handle is complete (its delivery frontier), after the
/// updates before it have been added. Once its dataflow has redeployed itself (<see cref="RecoveryProtocol.Recover"/>),
/// it takes what the new incarnation's instances send and nothing more from earlier ones.
/// </summary>
internal sealed class CaptureActor<TData, TTime, TDiff> : ReceiveActor where TData : notnull where TTime : notnull
{
    private readonly HashSet<IActorRef> probes = [];
    private Antichain<TTime>? delivered;
    // The incarnation whose instances are heard; null until the first recovery (there is only one before).
    private Guid? incarnation;

    public CaptureActor(CaptureHandle<TData, TTime, TDiff> handle)
    {
        Receive<CaptureProtocol.Captured>(captured =>
        {
            if (Current(captured.Incarnation))
                handle.Add((UpdateBatch<TData, TTime, TDiff>)captured.Batch);
        });
        Receive<CaptureProtocol.CapturedFrontier>(frontier =>
        {
            if (!Current(frontier.Incarnation))
                return;
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
        Receive<RecoveryProtocol.Recover>(recover =>
        {
            incarnation = recover.Incarnation.Instance;
            handle.Recover(recover.Since);
        });
    }

    public static Props Props(CaptureHandle<TData, TTime, TDiff> handle) =>
        Akka.Actor.Props.Create(() => new CaptureActor<TData, TTime, TDiff>(handle));

    private bool Current(Guid sender) => incarnation is not { } current || current == sender;

    private static ProbeProtocol.Delivered Delivered(Antichain<TTime> frontier) => new([.. frontier.Elements.Select(FlatTime.From)]);
}
