using Akka.Actor;
using AkkaDifferential.Operators.Capture;
using AkkaDifferential.Operators.Probes;
using AkkaDifferential.Operators.Recovery;
using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Operators.Changes;

/// <summary>
/// The driver side of a change stream: collects what the stream's instances send (the capture protocol: batches,
/// then each bucket's frontier), closes the times the combined frontier passed and publishes them to the
/// <see cref="ChangeStream{TData, TTime, TDiff}"/>. Probes of the same collection (and, for a dataflow that
/// recovers, its owner) are told how far the stream holds every closed time, after it has published them. After a
/// redeployment (<see cref="RecoveryProtocol.Recover"/>) it hears the new incarnation only, publishes what differs
/// from what it had published (<see cref="ClosedTimes{TData, TTime, TDiff}.Recover"/>), and keeps its delivered
/// frontier until the new incarnation passes it.
/// </summary>
internal sealed class ChangesActor<TData, TTime, TDiff> : ReceiveActor where TData : notnull where TTime : notnull
{
    private readonly HashSet<IActorRef> probes = [];
    private readonly Antichain<TTime>[] buckets;
    private Antichain<TTime> delivered = Antichain<TTime>.From(Timestamp.Minimum<TTime>());
    private Antichain<TTime> closed = Antichain<TTime>.From(Timestamp.Minimum<TTime>());
    // After a recovery: the frontier delivered before it, until the new incarnation passes it.
    private Antichain<TTime>? floor;
    // The incarnation whose instances are heard; null until the first recovery.
    private Guid? incarnation;

    public ChangesActor(ChangeStream<TData, TTime, TDiff> stream, int bucketCount, bool recovers)
    {
        buckets = [.. Enumerable.Range(0, bucketCount).Select(_ => Antichain<TTime>.From(Timestamp.Minimum<TTime>()))];
        var times = new ClosedTimes<TData, TTime, TDiff>(stream.Accumulates, keepContents: recovers);
        Receive<CaptureProtocol.Captured>(captured =>
        {
            if (Current(captured.Incarnation))
                times.Add((UpdateBatch<TData, TTime, TDiff>)captured.Batch);
        });
        Receive<CaptureProtocol.CapturedFrontier>(frontier =>
        {
            if (!Current(frontier.Incarnation))
                return;
            buckets[frontier.Bucket] = new Antichain<TTime>(frontier.Frontier.Select(f => f.To<TTime>()));
            var combined = new Antichain<TTime>(buckets.SelectMany(b => b.Elements));
            if (combined.Equals(closed))
                return;
            try
            {
                stream.Publish(times.Close(combined), combined);
            }
            catch (OverflowException ex)
            {
                var failure = new OverflowException($"Change stream '{stream.Operator}': accumulating its contents overflows: {ex.Message}", ex);
                stream.Fail(failure);
                throw failure;
            }
            closed = combined;
            if (floor is not null && floor.Dominates(combined))
                floor = null;
            var next = floor is null ? combined : Antichain<TTime>.Join(floor, combined);
            if (next.Equals(delivered))
                return;
            delivered = next;
            if (delivered.IsEmpty)
                stream.Complete();
            foreach (var probe in probes)
                probe.Tell(Delivered(delivered));
        });
        Receive<ProbeProtocol.ReportDelivery>(report =>
        {
            probes.Add(report.Probe);
            report.Probe.Tell(Delivered(delivered));
        });
        Receive<RecoveryProtocol.Recover>(recover =>
        {
            incarnation = recover.Incarnation.Instance;
            floor = delivered;
            closed = Antichain<TTime>.From(Timestamp.Minimum<TTime>());
            for (var i = 0; i < buckets.Length; i++)
                buckets[i] = Antichain<TTime>.From(Timestamp.Minimum<TTime>());
            times.Recover(new Antichain<TTime>(recover.Since.Select(f => f.To<TTime>())));
        });
    }

    public static Props Props(ChangeStream<TData, TTime, TDiff> stream, int buckets, bool recovers) =>
        Akka.Actor.Props.Create(() => new ChangesActor<TData, TTime, TDiff>(stream, buckets, recovers));

    private bool Current(Guid sender) => incarnation is not { } current || current == sender;

    private static ProbeProtocol.Delivered Delivered(Antichain<TTime> frontier) => new([.. frontier.Elements.Select(FlatTime.From)]);
}
