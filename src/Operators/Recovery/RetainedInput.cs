using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Arrangements.Updates;

namespace AkkaDifferential.Operators.Recovery;

/// <summary>
/// The updates an input session has accepted, kept so that a dataflow that loses a bucket can be redeployed and fed
/// again (docs/recovery.md): the batches the session sent, by reference, compacted now and then by advancing their
/// times by the dataflow's retention frontier (the times every output of the dataflow has passed) and consolidating.
/// At every time in advance of that frontier the compacted updates accumulate to the session's input, so a dataflow
/// fed with them gives its true output there; and the compacted size is that of the input collection plus the
/// updates at times not yet passed, not that of the history. Not thread-safe: the session calls it under its lock.
/// </summary>
/// <remarks>
/// Compaction runs when the retained updates have doubled since the last one (at least <see cref="MinimumCompaction"/>),
/// so its cost per update is constant, amortized. Records of a type without a <see cref="DataOrder{T}"/> cannot be
/// consolidated: their times are advanced and they are kept as they are.
/// </remarks>
internal sealed class RetainedInput<TData, TTime, TDiff> where TTime : notnull
{
    /// <summary>The size below which retained updates are not compacted.</summary>
    public const int MinimumCompaction = 1024;

    private static readonly bool Orderable = IsOrderable();
    private readonly List<UpdateBatch<TData, TTime, TDiff>> batches = [];
    private readonly int chunk;
    private int nextCompaction = MinimumCompaction;

    /// <param name="chunk">The largest batch compaction writes (the session's batch size), so that a replay sends batches of the usual size.</param>
    public RetainedInput(int chunk) => this.chunk = chunk;

    /// <summary>The number of updates retained.</summary>
    public int Count { get; private set; }

    /// <summary>The retained batches, in the order they were accepted (compacted ones first).</summary>
    public IReadOnlyList<UpdateBatch<TData, TTime, TDiff>> Batches => batches;

    /// <summary>Retains a batch the session sent (its columns are immutable once sent).</summary>
    public void Add(UpdateBatch<TData, TTime, TDiff> batch)
    {
        if (batch.Count == 0)
            return;
        batches.Add(batch);
        Count += batch.Count;
    }

    /// <summary>True when the retained updates have grown enough since the last compaction for one to pay for itself.</summary>
    public bool ShouldCompact => Count >= nextCompaction;

    /// <summary>Advances every retained time by <paramref name="since"/> and consolidates (an empty frontier advances nothing).</summary>
    public void Compact(Antichain<TTime> since)
    {
        var rows = new Update<TData, TTime, TDiff>[Count];
        var next = 0;
        foreach (var batch in batches)
        {
            var data = batch.Data;
            var times = batch.Times;
            var diffs = batch.Diffs;
            for (var i = 0; i < batch.Count; i++)
                rows[next++] = new Update<TData, TTime, TDiff>(data[i], TimeCompaction.Advance(times[i], since), diffs[i]);
        }
        var kept = Orderable ? Consolidation.ConsolidateRows(rows.AsSpan()) : rows.Length;
        batches.Clear();
        for (var start = 0; start < kept; start += chunk)
        {
            var builder = new UpdateBuilder<TData, TTime, TDiff>(Math.Min(chunk, kept - start));
            for (var i = start; i < Math.Min(kept, start + chunk); i++)
                builder.Add(rows[i].Data, rows[i].Time, rows[i].Diff);
            batches.Add(builder.Build());
        }
        Count = kept;
        nextCompaction = Math.Max(MinimumCompaction, 2 * Count);
    }

    private static bool IsOrderable()
    {
        try
        {
            DataOrder<TData>.Validate();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
