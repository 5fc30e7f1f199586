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
/// A compaction is due when the retained updates have doubled since the last one (at least
/// <see cref="MinimumCompaction"/>), so its cost per update is constant, amortized. It runs off the session's thread,
/// over the batches retained when it began (their columns are immutable), and its result replaces them at the
/// session's next call once it is done: a compaction's cost is proportional to the whole input collection, and on
/// the caller's thread it would stall one send in every so many by that much. The batches retained meanwhile stay
/// after the compacted ones, as they were; a session that outruns the compaction (half as many updates again as it
/// began with) waits for it, so what is retained stays within three times the compacted size. Records of a type
/// without a <see cref="DataOrder{T}"/> cannot be consolidated: their times are advanced and they are kept as they are.
/// </remarks>
internal sealed class RetainedInput<TData, TTime, TDiff> where TTime : notnull
{
    /// <summary>The size below which retained updates are not compacted.</summary>
    public const int MinimumCompaction = 1024;

    private static readonly bool Orderable = IsOrderable();
    private readonly List<UpdateBatch<TData, TTime, TDiff>> batches = [];
    private readonly int chunk;
    private int nextCompaction = MinimumCompaction;
    // The compaction running, over the first Replaced batches; null when none is.
    private (Task<List<UpdateBatch<TData, TTime, TDiff>>> Result, int Replaced, int Updates)? compaction;

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

    /// <summary>True while a compaction runs.</summary>
    public bool Compacting => compaction is not null;

    /// <summary>True when a compaction is due and none is running.</summary>
    public bool ShouldCompact => compaction is null && Count >= nextCompaction;

    /// <summary>
    /// Starts compacting the batches retained now, advancing their times by <paramref name="since"/> (an empty
    /// frontier advances nothing); <see cref="TryComplete"/> puts the result in their place.
    /// </summary>
    public void BeginCompaction(Antichain<TTime> since)
    {
        var retainedNow = batches.ToArray();
        var (updates, size) = (Count, chunk);
        compaction = (Task.Factory.StartNew(() => Compact(retainedNow, updates, since, size), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default), retainedNow.Length, updates);
    }

    /// <summary>
    /// Puts the running compaction's result in place of the batches it compacted if it is done, or, when the updates
    /// retained since it began have outrun it, once it is done; false when it is still running (or none is).
    /// </summary>
    /// <exception cref="Exception">What the compaction threw (a bug): the batches it would have replaced stay.</exception>
    public bool TryComplete()
    {
        if (compaction is not var (result, replaced, updates))
            return false;
        if (!result.IsCompleted && 2 * Count < 3 * updates)
            return false;
        compaction = null;
        var compacted = result.GetAwaiter().GetResult();
        batches.RemoveRange(0, replaced);
        batches.InsertRange(0, compacted);
        var kept = compacted.Sum(static b => b.Count);
        Count += kept - updates;
        // Due again once as many updates as it kept have come since it began, as if it had run at once.
        nextCompaction = Math.Max(MinimumCompaction, 2 * kept);
        return true;
    }

    /// <summary>The <paramref name="count"/> updates of <paramref name="retained"/>, their times advanced by <paramref name="since"/>, consolidated, in batches of at most <paramref name="chunk"/>.</summary>
    private static List<UpdateBatch<TData, TTime, TDiff>> Compact(UpdateBatch<TData, TTime, TDiff>[] retained, int count, Antichain<TTime> since, int chunk)
    {
        var rows = new Update<TData, TTime, TDiff>[count];
        var next = 0;
        foreach (var batch in retained)
        {
            var data = batch.Data;
            var times = batch.Times;
            var diffs = batch.Diffs;
            for (var i = 0; i < batch.Count; i++)
                rows[next++] = new Update<TData, TTime, TDiff>(data[i], TimeCompaction.Advance(times[i], since), diffs[i]);
        }
        var kept = Orderable ? Consolidation.ConsolidateRows(rows.AsSpan()) : rows.Length;
        var compacted = new List<UpdateBatch<TData, TTime, TDiff>>((kept + chunk - 1) / chunk);
        for (var start = 0; start < kept; start += chunk)
        {
            var builder = new UpdateBuilder<TData, TTime, TDiff>(Math.Min(chunk, kept - start));
            for (var i = start; i < Math.Min(kept, start + chunk); i++)
                builder.Add(rows[i].Data, rows[i].Time, rows[i].Diff);
            compacted.Add(builder.Build());
        }
        return compacted;
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
