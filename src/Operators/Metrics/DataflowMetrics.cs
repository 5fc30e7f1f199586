using Akka.Actor;
using AkkaDifferential.Operators.Builder;
using AkkaDifferential.Operators.Metrics;
using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential;

/// <summary>
/// Counters of the work a dataflow does, per operator and per bucket, wherever its buckets run: records and batches
/// in and out, the sizes of arrangements, frontiers and how far they lag the inputs. Records processed are a measure
/// of work that does not depend on the machine, so incremental updates can be compared with full recomputation.
/// </summary>
/// <remarks>
/// Every bucket sends the counters of its operator instances to the dataflow's owner on the driver by message, one
/// message per bucket, every <c>metrics-report-interval</c> (1 s by default) while they change, and whenever
/// <see cref="SnapshotAsync"/> asks; the owner keeps each bucket's latest report, and the figures here are those reports
/// summed per operator, with the driver's own input sessions counted exactly. <see cref="Snapshot"/> reads them as they
/// are now; <see cref="SnapshotAsync"/> first has every bucket report, so that it includes everything processed before
/// the call. The <c>AkkaDifferential</c> <see cref="System.Diagnostics.Metrics.Meter"/> publishes the same figures
/// (see <see cref="DifferentialMeter"/>). After the dataflow redeployed itself (docs/recovery.md), the figures of its
/// buckets are those of the incarnation running now, which count the input it replayed.
/// </remarks>
public sealed class DataflowMetrics
{
    private OperatorNode[] nodes = [];
    // The counters of the operators that run on the driver only (input sessions), which their sessions write.
    private OperatorCounters?[] driver = [];
    // Per bucket, its latest report to the owner (immutable), which only the owner writes.
    private MetricsProtocol.BucketReport?[] reports = [];
    private IActorRef? owner;
    private Task stopped = Task.CompletedTask;

    internal DataflowMetrics(DataflowId id) => Id = id;

    /// <summary>The dataflow the counters are of.</summary>
    public DataflowId Id { get; }

    /// <summary>Every operator's counters as the buckets last reported them (at most <c>metrics-report-interval</c> old).</summary>
    /// <remarks>
    /// Each bucket's figures are of one moment at that bucket; different buckets' need not be of the same moment. An
    /// operator's counts only grow (records, batches) while its incarnation runs; sizes and frontiers are the latest
    /// each bucket reported.
    /// </remarks>
    public DataflowSnapshot Snapshot()
    {
        var all = nodes;
        var totals = new OperatorFigures?[all.Length];
        var perBucket = new List<BucketSnapshot>?[all.Length];
        foreach (var report in Volatile.Read(ref reports))
        {
            if (report is null)
                continue;
            foreach (var figures in report.Operators)
            {
                if ((uint)figures.Operator >= (uint)all.Length)
                    continue;
                totals[figures.Operator] = totals[figures.Operator] is { } sum ? sum.Add(figures) : figures;
                (perBucket[figures.Operator] ??= []).Add(new BucketSnapshot(
                    report.Bucket, report.Member, figures.RecordsIn, figures.BatchesIn, figures.RecordsOut, figures.BatchesOut, figures.Arrangement, Format(figures.Frontier)));
            }
        }
        for (var i = 0; i < all.Length; i++)
            if (driver[i] is { } counters)
                totals[i] = totals[i] is { } sum ? sum.Add(counters.Figures()) : counters.Figures();
        // The inputs' lead: the least outermost coordinate of the times of the input sessions still open.
        long? lead = null;
        for (var i = 0; i < all.Length; i++)
            if (all[i].Kind == "Input" && totals[i]?.Frontier is { } times)
                foreach (var time in times)
                    lead = Math.Min(lead ?? long.MaxValue, time.Coordinates[0]);
        return new DataflowSnapshot(Id, [.. all.Select((node, i) =>
        {
            var figures = totals[i] ?? new OperatorFigures(i, 0, 0, 0, 0, null, null);
            return new OperatorSnapshot(
                node.Index, node.Name, node.Kind, [.. node.Inputs.Select(source => source.Operator)],
                figures.RecordsIn, figures.BatchesIn, figures.RecordsOut, figures.BatchesOut, figures.Arrangement,
                Format(figures.Frontier), Lag(figures.Frontier, lead))
            {
                Buckets = perBucket[i] ?? [],
            };
        })]);
    }

    /// <summary>
    /// Has every bucket of the dataflow report its counters now, and returns the snapshot once each has: it counts
    /// every record processed before the call (after a probe has passed a time, all the work of that time).
    /// </summary>
    /// <remarks>
    /// A bucket answers once each of its operator instances has, so an instance busy in a long activation (a slow user
    /// function) delays the answer. Once the dataflow has stopped, the figures its buckets last reported.
    /// </remarks>
    /// <param name="cancellation">Stops waiting for the buckets.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled first.</exception>
    public async Task<DataflowSnapshot> SnapshotAsync(CancellationToken cancellation = default)
    {
        if (owner is { } actor && !stopped.IsCompleted)
        {
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            var refreshed = actor.Ask<MetricsProtocol.Refreshed>(MetricsProtocol.Refresh.Instance, timeout: null, waiting.Token);
            if (await Task.WhenAny(refreshed, stopped).ConfigureAwait(false) == refreshed)
                await refreshed.ConfigureAwait(false);
            else
                await waiting.CancelAsync().ConfigureAwait(false);
        }
        return Snapshot();
    }

    /// <summary>
    /// Creates the counters of the operators that run on the driver (input sessions) and a place for every bucket's
    /// report, before the dataflow starts.
    /// </summary>
    internal void Attach(DataflowPlan plan, int buckets)
    {
        nodes = [.. plan.Operators];
        driver = [.. nodes.Select(node => node.Factory is null ? new OperatorCounters(node) : null)];
        reports = new MetricsProtocol.BucketReport?[buckets];
    }

    /// <summary>The dataflow's owner, which <see cref="SnapshotAsync"/> asks, and the task that completes when it stops.</summary>
    internal void Owned(IActorRef actor, Task completion)
    {
        owner = actor;
        stopped = completion;
    }

    /// <summary>The counters of input session <paramref name="op"/>, which the session writes.</summary>
    internal OperatorCounters Input(int op) => driver[op] ?? throw new InvalidOperationException($"Operator {op} of dataflow '{Id.Name}' runs in buckets, not on the driver.");

    /// <summary>Keeps <paramref name="report"/> as its bucket's latest (called by the owner only, for its current incarnation).</summary>
    internal void Publish(MetricsProtocol.BucketReport report)
    {
        var all = Volatile.Read(ref reports);
        if ((uint)report.Bucket < (uint)all.Length)
            Volatile.Write(ref all[report.Bucket], report);
    }

    /// <summary>Forgets the buckets' reports: the dataflow redeployed itself, and its new buckets count from zero.</summary>
    internal void Reset() => Volatile.Write(ref reports, new MetricsProtocol.BucketReport?[reports.Length]);

    private static string? Format(FlatTime[]? frontier) => frontier is null ? null : "{" + string.Join(", ", frontier.Order()) + "}";

    /// <summary>
    /// How far the operator's frontier trails the open inputs' times, in the outermost coordinate: 0 once it is empty
    /// (the operator is done), unknown where the operator reports no frontier or no input is open.
    /// </summary>
    private static long? Lag(FlatTime[]? frontier, long? lead)
    {
        if (frontier is null)
            return null;
        if (frontier.Length == 0)
            return 0;
        if (lead is not { } inputs)
            return null;
        var least = frontier.Min(t => t.Coordinates[0]);
        return Math.Max(0, inputs - least);
    }
}
