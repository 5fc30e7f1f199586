using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AkkaDifferential.Operators.Metrics;

namespace AkkaDifferential;

/// <summary>
/// The <see cref="Meter"/> named <c>AkkaDifferential</c>, which OpenTelemetry (<c>AddMeter(DifferentialMeter.Name)</c>)
/// and <c>dotnet-counters monitor --counters AkkaDifferential</c> read. Its instruments are observed from the
/// counters of every running dataflow of the process, one measurement per operator, tagged with
/// <c>dataflow</c> (the name), <c>dataflow.id</c>, <c>operator</c> (the name) and <c>operator.kind</c>:
/// <list type="bullet">
/// <item><c>akka_differential.operator.records_in</c>, <c>…records_out</c>, <c>…batches_in</c>, <c>…batches_out</c>:
/// counters of updates and batches in and out of each operator;</item>
/// <item><c>akka_differential.arrangement.keys</c>, <c>…updates</c>, <c>…batches</c>: the size of each arrangement's
/// trace;</item>
/// <item><c>akka_differential.operator.frontier_lag</c>: how far each operator's frontier trails the inputs, in the
/// outermost time coordinate (<see cref="OperatorSnapshot.Lag"/>).</item>
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
        Counter("akka_differential.operator.records_in", "{record}", "Updates delivered to the operator's instances.", c => c.Flow.RecordsIn);
        Counter("akka_differential.operator.records_out", "{record}", "Updates the operator's outputs produced.", c => c.Flow.RecordsOut);
        Counter("akka_differential.operator.batches_in", "{batch}", "Batches delivered to the operator's instances.", c => c.Flow.BatchesIn);
        Counter("akka_differential.operator.batches_out", "{batch}", "Batches the operator's outputs produced.", c => c.Flow.BatchesOut);
        Gauge("akka_differential.arrangement.keys", "{key}", "Keys of the arrangement's trace, counted per batch.", c => c.Size()?.Keys);
        Gauge("akka_differential.arrangement.updates", "{update}", "Updates held by the arrangement's trace.", c => c.Size()?.Updates);
        Gauge("akka_differential.arrangement.batches", "{batch}", "Batches of the arrangement's trace.", c => c.Size()?.Batches);
        Gauge("akka_differential.arrangement.compaction_lag", "{time}", "How far the trace's compaction frontier trails its upper, in the outermost time coordinate: grows while a reader holds history back.", c => c.Size()?.CompactionLag);
        Meter.CreateObservableGauge("akka_differential.operator.frontier_lag", Lags, "{time}",
            "How far the operator's frontier trails the open inputs' times, in the outermost time coordinate.");
    }

    /// <summary>Publishes the dataflow's counters until <see cref="Stopped"/>.</summary>
    internal static void Running(DataflowMetrics metrics) => Live[metrics.Id] = metrics;

    /// <summary>Stops publishing the dataflow's counters.</summary>
    internal static void Stopped(DataflowId id) => Live.TryRemove(id, out _);

    private static void Counter(string name, string unit, string description, Func<OperatorCounters, long> read) =>
        Meter.CreateObservableCounter(name, () => Measure(c => read(c)), unit, description);

    private static void Gauge(string name, string unit, string description, Func<OperatorCounters, long?> read) =>
        Meter.CreateObservableGauge(name, () => Measure(read), unit, description);

    private static IEnumerable<Measurement<long>> Measure(Func<OperatorCounters, long?> read)
    {
        foreach (var metrics in Live.Values)
            foreach (var counters in metrics.Operators)
                if (read(counters) is { } value)
                    yield return new Measurement<long>(value, Tags(metrics, counters.Name, counters.Kind));
    }

    private static IEnumerable<Measurement<long>> Lags()
    {
        foreach (var metrics in Live.Values)
            foreach (var op in metrics.Snapshot().Operators)
                if (op.Lag is { } lag)
                    yield return new Measurement<long>(lag, Tags(metrics, op.Name, op.Kind));
    }

    private static KeyValuePair<string, object?>[] Tags(DataflowMetrics metrics, string name, string kind) =>
    [
        new("dataflow", metrics.Id.Name),
        new("dataflow.id", metrics.Id.ToString()),
        new("operator", name),
        new("operator.kind", kind),
    ];
}
