using AkkaDifferential.Operators.Capture;
using AkkaDifferential.Operators.Dataflows;
using AkkaDifferential.Operators.Probes;
using AkkaDifferential.Operators.Recovery;
using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential;

/// <summary>
/// Records the stream of <c>(data, time, diff)</c> updates of a collection on the driver, together with its
/// frontier, so that a test (or a user) can read the collection at any time the frontier has passed. What it keeps
/// is its <see cref="Mode"/>'s: every update, or (for a long-running capture) the accumulated collection plus the
/// updates still open. Thread-safe.
/// </summary>
/// <remarks>
/// When its dataflow redeploys itself after losing a member (docs/recovery.md), the capture keeps what it holds and
/// receives from the new incarnation only what differs from it, at each time the new incarnation closes: nothing
/// it told appears twice, every time after the recovery accumulates to the true collection, and its frontier does
/// not go back (it stays where it was until the new incarnation passes it).
/// </remarks>
public sealed class CaptureHandle<TData, TTime, TDiff> where TTime : notnull where TData : notnull
{
    private readonly object gate = new();
    private readonly CaptureLog<TData, TTime, TDiff> log = new();
    // CollectionAt calls waiting for their time to pass: a consolidated log does not fold past them.
    private readonly List<PendingRead> pending = [];
    private readonly FrontierMonitor<TTime> monitor;
    private Antichain<TTime>[] buckets = [];
    // The frontier as the last Advance combined it, for folding.
    private Antichain<TTime> folding = Antichain<TTime>.From(Timestamp.Minimum<TTime>());
    // After a recovery: the frontier reported before it, until the new incarnation passes it, and what the new
    // incarnation delivers until it is reconciled with what was told.
    private Antichain<TTime>? floor;
    private Reconciliation<TData, TTime, TDiff>? reconciliation;

    internal CaptureHandle(DataflowState state, CaptureMode mode)
    {
        monitor = new FrontierMonitor<TTime>(state);
        Mode = mode;
    }

    /// <summary>What the capture keeps: every update, or the consolidated collection and the updates still open.</summary>
    public CaptureMode Mode { get; }

    /// <summary>The capture operator's name, for errors.</summary>
    internal string Operator { get; set; } = "Capture";

    /// <summary>The capture's operator name, unique in its dataflow, as errors give it (<c>Capture#4</c> unless named).</summary>
    public string Name => Operator;

    /// <summary>
    /// The updates kept so far: with <see cref="CaptureMode.FullHistory"/>, every update captured, in arrival
    /// order; with <see cref="CaptureMode.Consolidated"/>, one update per record of the folded collection (at time
    /// <see cref="Since"/>), then the later updates in arrival order. A snapshot, taken in constant time without
    /// copying: updates captured afterwards do not appear in it.
    /// </summary>
    public IReadOnlyList<Update<TData, TTime, TDiff>> Updates
    {
        get
        {
            lock (gate)
                return log.Snapshot();
        }
    }

    /// <summary>
    /// The time at or after which <see cref="CollectionAt"/> answers exactly (also any time it was asked for before the
    /// frontier passed it): the minimum time with <see cref="CaptureMode.FullHistory"/>; with
    /// <see cref="CaptureMode.Consolidated"/>, the join of the times folded so far.
    /// </summary>
    public TTime Since
    {
        get
        {
            lock (gate)
                return log.Since;
        }
    }

    /// <summary>The frontier of the captured stream: updates at times it has passed have all been captured.</summary>
    public Antichain<TTime> Frontier => monitor.Frontier;

    /// <summary>Completes when every update at times ≤ <paramref name="time"/> has been captured.</summary>
    public Task WhenPassed(TTime time, CancellationToken cancellation = default) => monitor.WhenPassed(time, cancellation);

    /// <summary>
    /// Waits until the frontier passes <paramref name="time"/>, then returns the collection at that time: the sum of
    /// the differences of every captured update at a time ≤ <paramref name="time"/>, without zeros.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The capture is <see cref="CaptureMode.Consolidated"/> and has folded updates at times after
    /// <paramref name="time"/> (<paramref name="time"/> is not at or after <see cref="Since"/>).
    /// </exception>
    /// <exception cref="OverflowException">A record's multiplicity at <paramref name="time"/> is beyond the range of <typeparamref name="TDiff"/>.</exception>
    public async Task<IReadOnlyDictionary<TData, TDiff>> CollectionAt(TTime time, CancellationToken cancellation = default)
    {
        var read = new PendingRead(time);
        lock (gate)
        {
            if (!Lattice.LessEqual(log.Since, time))
                throw new ArgumentOutOfRangeException(nameof(time), time,
                    $"The capture cannot give the collection at {time}: it is consolidated and has folded its updates up to {log.Since}, so it is exact only at times at or after that. Read a recent time, ask before the frontier passes it, or capture with CaptureMode.FullHistory.");
            pending.Add(read);
        }
        IReadOnlyList<Update<TData, TTime, TDiff>> updates;
        try
        {
            await WhenPassed(time, cancellation).ConfigureAwait(false);
        }
        finally
        {
            lock (gate)
                pending.Remove(read);
        }
        // The snapshot taken when the frontier passed the time, or (if it had passed already) one taken now: the
        // read was pending until here, so nothing was folded past it.
        lock (gate)
            updates = read.Snapshot ?? log.Snapshot();
        var result = new Dictionary<TData, TDiff>();
        foreach (var update in updates)
            if (Lattice.LessEqual(update.Time, time))
                result[update.Data] = Accumulate(result.GetValueOrDefault(update.Data, Difference.Zero<TDiff>()), update, time);
        foreach (var (data, diff) in result)
            if (Difference.IsZero(diff))
                result.Remove(data);
        return result;
    }

    private TDiff Accumulate(TDiff sum, Update<TData, TTime, TDiff> update, TTime time)
    {
        try
        {
            return Difference.Add(sum, update.Diff);
        }
        catch (OverflowException ex)
        {
            throw new OverflowException($"Capture '{Operator}': the multiplicity of {update.Data} at time {time} overflows: {ex.Message}", ex);
        }
    }

    internal void Start(int bucketCount)
    {
        lock (gate)
        {
            buckets = new Antichain<TTime>[bucketCount];
            for (var i = 0; i < bucketCount; i++)
                buckets[i] = Antichain<TTime>.From(Timestamp.Minimum<TTime>());
        }
    }

    internal void Add(UpdateBatch<TData, TTime, TDiff> batch)
    {
        lock (gate)
        {
            if (reconciliation is not null)
            {
                reconciliation.Add(batch);
                return;
            }
            for (var i = 0; i < batch.Count; i++)
                log.Add(batch[i]);
            FoldIfDue();
        }
    }

    /// <summary>
    /// The dataflow is redeployed, its input replayed with times advanced by <paramref name="since"/>: from now on the
    /// buckets' frontiers are the new incarnation's, and what it delivers is reconciled with what the log holds (see
    /// <see cref="Reconciliation{TData, TTime, TDiff}"/>). A consolidated log is exact from its <see cref="Since"/> on,
    /// so both sides are advanced by that too.
    /// </summary>
    internal void Recover(FlatTime[] since)
    {
        lock (gate)
        {
            var replayed = new Antichain<TTime>(since.Select(f => f.To<TTime>()));
            floor = folding;
            reconciliation = new Reconciliation<TData, TTime, TDiff>(log.Snapshot(), Antichain<TTime>.Join(replayed, Antichain<TTime>.From(log.Since)));
            for (var i = 0; i < buckets.Length; i++)
                buckets[i] = Antichain<TTime>.From(Timestamp.Minimum<TTime>());
        }
    }

    /// <summary>
    /// Records that every update of <paramref name="bucket"/> before <paramref name="frontier"/> has been added, and
    /// returns the capture's frontier over all buckets: the times before it are complete here.
    /// </summary>
    internal Antichain<TTime> Advance(int bucket, FlatTime[] frontier)
    {
        Antichain<TTime> combined;
        lock (gate)
        {
            buckets[bucket] = new Antichain<TTime>(frontier.Select(f => f.To<TTime>()));
            combined = new Antichain<TTime>(buckets.SelectMany(b => b.Elements));
            Reconcile(combined);
            if (floor is not null)
            {
                // The new incarnation has passed what was reported before: its frontier is the capture's again.
                if (floor.Dominates(combined))
                    floor = null;
                else
                    combined = Antichain<TTime>.Join(floor, combined);
            }
            folding = combined;
            // Reads whose time has passed take their snapshot now, so that they hold folding back no longer.
            for (var i = pending.Count - 1; i >= 0; i--)
                if (!combined.LessEqual(pending[i].Time))
                {
                    pending[i].Snapshot = log.Snapshot();
                    pending.RemoveAt(i);
                }
            FoldIfDue();
        }
        monitor.Advance(combined);
        return combined;
    }

    /// <summary>
    /// Adds the reconciled differences at the times the new incarnation's <paramref name="frontier"/> has passed to
    /// the log; once reconciled, the updates still open go to the log and later ones go there as they come.
    /// </summary>
    private void Reconcile(Antichain<TTime> frontier)
    {
        if (reconciliation is null)
            return;
        foreach (var update in reconciliation.Close(frontier))
            log.Add(update);
        if (!reconciliation.Settled(frontier))
            return;
        foreach (var update in reconciliation.Open)
            log.Add(update);
        reconciliation = null;
    }

    /// <exception cref="OverflowException">Folding sums a record's differences beyond the range of <typeparamref name="TDiff"/>; the capture's actor fails, and with it the dataflow.</exception>
    private void FoldIfDue()
    {
        if (Mode != CaptureMode.Consolidated || !log.ShouldFold)
            return;
        try
        {
            log.Fold(folding, [.. pending.Select(read => read.Time)]);
        }
        catch (OverflowException ex)
        {
            throw new OverflowException($"Capture '{Operator}': folding its updates overflows: {ex.Message}", ex);
        }
    }

    /// <summary>A <see cref="CollectionAt"/> call waiting for the frontier to pass its time.</summary>
    private sealed class PendingRead(TTime time)
    {
        public TTime Time { get; } = time;

        /// <summary>The updates as they were when the frontier passed <see cref="Time"/>, once it has.</summary>
        public IReadOnlyList<Update<TData, TTime, TDiff>>? Snapshot { get; set; }
    }
}
