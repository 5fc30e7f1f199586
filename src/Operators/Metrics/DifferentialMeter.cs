using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace AkkaDifferential;

/// <summary>
/// The <see cref="Meter"/> named <c>AkkaDifferential</c>, which OpenTelemetry (<c>AddMeter(DifferentialMeter.Name)</c>)
/// and <c>dotnet-counters monitor --counters AkkaDifferential</c> read. Its instruments are observed on the driver,
/// from the figures every running dataflow's buckets reported to it (<see cref="DataflowMetrics.Snapshot"/>), wherever
/// they run; each measurement is tagged with <c>dataflow</c> (the name), <c>dataflow.id</c>, <c>operator</c> (the name)
/// and <c>operator.kind</c>:
/// <list type="bullet">
/// <item><c>akka_differential.operator.records_in</c>, <c>…records_out</c>, <c>…batches_in</c>, <c>…batches_out</c>:
/// counters of updates and batches in and out of each operator, one measurement per bucket, tagged besides with
/// <c>bucket</c> and <c>member</c> (the address of the actor system it runs on), so that their sum is the operator's;
/// an input session's, which runs on the driver, without them;</item>
/// <item><c>akka_differential.arrangement.keys</c>, <c>…updates</c>, <c>…batches</c>: the size of each arrangement's
/// trace, and <c>akka_differential.arrangement.compaction_lag</c>, how far its compaction trails its upper, per bucket
/// (tagged with <c>bucket</c> and <c>member</c>);</item>
/// <item><c>akka_differential.operator.frontier_lag</c>: how far each operator's frontier over all its buckets trails
/// the inputs, in the outermost time coordinate (<see cref="OperatorSnapshot.Lag"/>), one measurement per operator.</item>
/// </list>
/// A dataflow's measurements stop when it stops. Nothing is measured until a listener asks.
/// </summary>
public static class DifferentialMeter
{
    /// <summary>The meter's name.</summary>
    public const string Name = "AkkaDifferential";

    private static readonly ConcurrentDictionary<DataflowId, DataflowMetrics> Live = new();
    private static readonly Meter Meter = new(Name);

    static DifferentialMeter()
    {
        Counter("akka_differential.operator.records_in", "{record}", "Updates delivered to the operator's instances.", static b => b.RecordsIn, static o => o.RecordsIn);
        Counter("akka_differential.operator.records_out", "{record}", "Updates the operator's outputs produced.", static b => b.RecordsOut, static o => o.RecordsOut);
        Counter("akka_differential.operator.batches_in", "{batch}", "Batches delivered to the operator's instances.", static b => b.BatchesIn, static o => o.BatchesIn);
        Counter("akka_differential.operator.batches_out", "{batch}", "Batches the operator's outputs produced.", static b => b.BatchesOut, static o => o.BatchesOut);
        Gauge("akka_differential.arrangement.keys", "{key}", "Keys of the arrangement's trace, counted per batch.", static s => s.Keys);
        Gauge("akka_differential.arrangement.updates", "{update}", "Updates held by the arrangement's trace.", static s => s.Updates);
        Gauge("akka_differential.arrangement.batches", "{batch}", "Batches of the arrangement's trace.", static s => s.Batches);
        Gauge("akka_differential.arrangement.compaction_lag", "{time}", "How far the trace's compaction frontier trails its upper, in the outermost time coordinate: grows while a reader holds history back.", static s => s.CompactionLag);
        Meter.CreateObservableGauge("akka_differential.operator.frontier_lag", Lags, "{time}",
            "How far the operator's frontier trails the open inputs' times, in the outermost time coordinate.");
    }

    /// <summary>Publishes the dataflow's counters until <see cref="Stopped"/>.</summary>
    internal static void Running(DataflowMetrics metrics) => Live[metrics.Id] = metrics;

    /// <summary>Stops publishing the dataflow's counters.</summary>
    internal static void Stopped(DataflowId id) => Live.TryRemove(id, out _);

    /// <summary>A counter measured per bucket (<paramref name="atBucket"/>), or per operator where it has no buckets (an input session).</summary>
    private static void Counter(string name, string unit, string description, Func<BucketSnapshot, long> atBucket, Func<OperatorSnapshot, long> atOperator) =>
        Meter.CreateObservableCounter(name, () => Measure(b => atBucket(b), o => atOperator(o)), unit, description);

    /// <summary>A gauge of arrangements, measured per bucket.</summary>
    private static void Gauge(string name, string unit, string description, Func<ArrangementSize, long> read) =>
        Meter.CreateObservableGauge(name, () => Measure(b => b.Arrangement is { } size ? read(size) : null, static _ => null), unit, description);

    private static IEnumerable<Measurement<long>> Measure(Func<BucketSnapshot, long?> atBucket, Func<OperatorSnapshot, long?> atOperator)
    {
        foreach (var metrics in Live.Values)
            foreach (var op in metrics.Snapshot().Operators)
            {
                if (op.Buckets.Count == 0)
                {
                    if (atOperator(op) is { } value)
                        yield return new Measurement<long>(value, Tags(metrics, op));
                    continue;
                }
                foreach (var bucket in op.Buckets)
                    if (atBucket(bucket) is { } value)
                        yield return new Measurement<long>(value, [.. Tags(metrics, op), new("bucket", bucket.Bucket), new("member", bucket.Member)]);
            }
    }

    private static IEnumerable<Measurement<long>> Lags()
    {
        foreach (var metrics in Live.Values)
            foreach (var op in metrics.Snapshot().Operators)
                if (op.Lag is { } lag)
                    yield return new Measurement<long>(lag, Tags(metrics, op));
    }

    private static KeyValuePair<string, object?>[] Tags(DataflowMetrics metrics, OperatorSnapshot op) =>
    [
        new("dataflow", metrics.Id.Name),
        new("dataflow.id", metrics.Id.ToString()),
        new("operator", op.Name),
        new("operator.kind", op.Kind),
    ];
}
