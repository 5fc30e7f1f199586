using Akka.Actor;
using AkkaDifferential.Operators.Capture;
using AkkaDifferential.Operators.Probes;
using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Operators.Changes;

/// <summary>
/// The driver side of a change stream: collects what the stream's instances send (the capture protocol: batches,
/// then each bucket's frontier), closes the times the combined frontier passed and publishes them to the
/// <see cref="ChangeStream{TData, TTime, TDiff}"/>. Probes of the same collection are told how far the stream
/// holds every closed time, after it has published them.
/// </summary>
internal sealed class ChangesActor<TData, TTime, TDiff> : ReceiveActor where TData : notnull where TTime : notnull
{
    private readonly List<IActorRef> probes = [];
    private readonly Antichain<TTime>[] buckets;
    private Antichain<TTime> delivered = Antichain<TTime>.From(Timestamp.Minimum<TTime>());

    public ChangesActor(ChangeStream<TData, TTime, TDiff> stream, int bucketCount)
    {
        buckets = [.. Enumerable.Range(0, bucketCount).Select(_ => Antichain<TTime>.From(Timestamp.Minimum<TTime>()))];
        var times = new ClosedTimes<TData, TTime, TDiff>(stream.Accumulates);
        Receive<CaptureProtocol.Captured>(captured => times.Add((UpdateBatch<TData, TTime, TDiff>)captured.Batch));
        Receive<CaptureProtocol.CapturedFrontier>(frontier =>
        {
            buckets[frontier.Bucket] = new Antichain<TTime>(frontier.Frontier.Select(f => f.To<TTime>()));
            var combined = new Antichain<TTime>(buckets.SelectMany(b => b.Elements));
            if (combined.Equals(delivered))
                return;
            try
            {
                stream.Publish(times.Close(combined));
            }
            catch (OverflowException ex)
            {
                var failure = new OverflowException($"Change stream '{stream.Operator}': accumulating its contents overflows: {ex.Message}", ex);
                stream.Fail(failure);
                throw failure;
            }
            delivered = combined;
            if (combined.IsEmpty)
                stream.Complete();
            foreach (var probe in probes)
                probe.Tell(Delivered(combined));
        });
        Receive<ProbeProtocol.ReportDelivery>(report =>
        {
            probes.Add(report.Probe);
            report.Probe.Tell(Delivered(delivered));
        });
    }

    public static Props Props(ChangeStream<TData, TTime, TDiff> stream, int buckets) =>
        Akka.Actor.Props.Create(() => new ChangesActor<TData, TTime, TDiff>(stream, buckets));

    private static ProbeProtocol.Delivered Delivered(Antichain<TTime> frontier) => new([.. frontier.Elements.Select(FlatTime.From)]);
}
