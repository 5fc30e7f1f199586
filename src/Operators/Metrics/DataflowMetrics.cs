using AkkaDifferential.Operators.Builder;
using AkkaDifferential.Operators.Metrics;
using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential;

/// <summary>
/// Counters of the work a dataflow does, per operator and summed over its operator instances on this node: records
/// and batches in and out, the sizes of arrangements, frontiers and how far they lag the inputs. Records processed
/// are a measure of work that does not depend on the machine, so incremental updates can be compared with full
/// recomputation. <see cref="Snapshot"/> reads them all at once; the <c>AkkaDifferential</c>
/// <see cref="System.Diagnostics.Metrics.Meter"/> publishes them (see <see cref="DifferentialMeter"/>).
/// </summary>
public sealed class DataflowMetrics
{
    private OperatorCounters[] operators = Array.Empty<OperatorCounters>();

    internal DataflowMetrics(DataflowId id) => Id = id;

    /// <summary>The dataflow the counters are of.</summary>
    public DataflowId Id { get; }

    /// <summary>Updates delivered to operator instances (each counted once per operator that received it).</summary>
    public long RecordsProcessed => Sum(static flow => flow.RecordsIn);

    /// <summary>Batches delivered to operator instances.</summary>
    public long BatchesProcessed => Sum(static flow => flow.BatchesIn);

    /// <summary>Reads every operator's counters now.</summary>
    /// <remarks>
    /// Counters are read one after another while the dataflow runs, so they need not describe a single instant; each
    /// only grows (records, batches) or is the latest value an instance wrote (sizes, frontiers).
    /// </remarks>
    public DataflowSnapshot Snapshot()
    {
        var all = Volatile.Read(ref operators);
        var frontiers = all.Select(c => c.Frontier()).ToArray();
        // The inputs' lead: the least outermost coordinate of the times of the input sessions still open.
        long? lead = null;
        for (var i = 0; i < all.Length; i++)
            if (all[i].IsInput && frontiers[i] is { } times)
                foreach (var time in times)
                    lead = Math.Min(lead ?? long.MaxValue, time.Coordinates[0]);
        return new DataflowSnapshot(Id, [.. all.Select((counters, i) =>
        {
            var (recordsIn, batchesIn, recordsOut, batchesOut) = counters.Flow;
            var frontier = frontiers[i];
            return new OperatorSnapshot(
                counters.Index, counters.Name, counters.Kind, counters.Inputs,
                recordsIn, batchesIn, recordsOut, batchesOut, counters.Size(),
                frontier is null ? null : "{" + string.Join(", ", frontier.Order()) + "}",
                Lag(frontier, lead));
        })]);
    }

    private long Sum(Func<(long RecordsIn, long BatchesIn, long RecordsOut, long BatchesOut), long> of)
    {
        long sum = 0;
        foreach (var counters in Volatile.Read(ref operators))
            sum += of(counters.Flow);
        return sum;
    }

    /// <summary>The counters of operator <paramref name="index"/>.</summary>
    internal OperatorCounters Operator(int index) => operators[index];

    /// <summary>The operators' counters, for the meter.</summary>
    internal IReadOnlyList<OperatorCounters> Operators => Volatile.Read(ref operators);

    /// <summary>
    /// Creates the counters of every operator of <paramref name="plan"/>, before its instances start: the driver
    /// attaches the plan it built, a cluster member the plan it built for its buckets; a second call changes nothing.
    /// </summary>
    internal void Attach(DataflowPlan plan, int buckets)
    {
        if (Volatile.Read(ref operators).Length == 0)
            Interlocked.CompareExchange(ref operators, [.. plan.Operators.Select(node => new OperatorCounters(node, buckets))], Array.Empty<OperatorCounters>());
    }

    /// <summary>
    /// How far the operator's frontier trails the open inputs' times, in the outermost coordinate: 0 once it is empty
    /// (the operator is done), unknown where the operator reports no frontier or no input is open.
    /// </summary>
    internal static long? Lag(List<FlatTime>? frontier, long? lead)
    {
        if (frontier is null)
            return null;
        if (frontier.Count == 0)
            return 0;
        if (lead is not { } inputs)
            return null;
        var least = frontier.Min(t => t.Coordinates[0]);
        return Math.Max(0, inputs - least);
    }
}
