using AkkaDifferential.Progress.Frontiers;

namespace AkkaDifferential.Arrangements.Trace;

/// <summary>
/// Collects the updates an arrangement receives until their times are complete, then hands them over as one
/// batch (differential dataflow's merge batcher). Each arriving batch is sorted and consolidated on arrival into a
/// run, and runs are merged as soon as the last is at least half the size of the one before it, so runs grow
/// geometrically: sorting work is spread over the arrivals instead of paid at once when the frontier moves, and
/// updates that cancel or repeat (a key loaded many times at one time) are consolidated while they wait, which keeps
/// what is held close to the number of distinct <c>(key, val, time)</c> rather than of updates received.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TVal">The value type.</typeparam>
/// <typeparam name="TTime">The timestamp type.</typeparam>
/// <typeparam name="TDiff">The difference type.</typeparam>
internal sealed class MergeBatcher<TKey, TVal, TTime, TDiff> where TTime : notnull
{
    // Consolidated runs, oldest (and largest) first.
    private readonly List<(TraceRow<TKey, TVal, TTime, TDiff>[] Rows, int Count)> runs = [];
    private Antichain<TTime> lower = new();

    /// <summary>
    /// A lower bound of the times held — every update's time is ≥ one of its elements — and so where the arrangement
    /// must hold its capability. Exactly the minimal times after a seal; pushes add the minimal times of their batches.
    /// Empty when nothing is held. A fresh copy.
    /// </summary>
    public Antichain<TTime> Frontier => new(lower.Elements);

    /// <summary>The number of updates held, after the consolidation done so far.</summary>
    public long Count
    {
        get
        {
            long count = 0;
            foreach (var run in runs)
                count += run.Count;
            return count;
        }
    }

    /// <summary>Adds a batch of updates: sorted and consolidated now, merged with earlier ones as runs grow.</summary>
    public void Push(UpdateBatch<(TKey Key, TVal Value), TTime, TDiff> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
            return;
        var rows = new TraceRow<TKey, TVal, TTime, TDiff>[batch.Count];
        var data = batch.Data;
        var times = batch.Times;
        var diffs = batch.Diffs;
        for (var i = 0; i < rows.Length; i++)
            rows[i] = new(data[i].Key, data[i].Value, times[i], diffs[i]);
        var count = SortedRows.SortAndConsolidate(rows.AsSpan());
        if (count == 0)
            return;
        foreach (var time in batch.MinimalTimes)
            lower.Insert(time);
        runs.Add((rows, count));
        while (runs.Count > 1 && runs[^2].Count <= 2 * runs[^1].Count)
            MergeLastTwo();
    }

    /// <summary>
    /// Removes the updates whose times <paramref name="frontier"/> has passed (not ≥ any of its elements) and returns
    /// them as a batch covering <paramref name="description"/>; the other updates stay for a later seal.
    /// </summary>
    public TraceBatch<TKey, TVal, TTime, TDiff> Seal(Antichain<TTime> frontier, Description<TTime> description)
    {
        ArgumentNullException.ThrowIfNull(frontier);
        while (runs.Count > 1)
            MergeLastTwo();
        if (runs.Count == 0)
        {
            // Pushed updates may all have cancelled in merges: nothing is held.
            lower = new Antichain<TTime>();
            return TraceBatch<TKey, TVal, TTime, TDiff>.Empty(description);
        }
        var (rows, count) = runs[0];
        var all = rows.AsSpan(0, count);
        var keep = 0;
        lower = new Antichain<TTime>();
        foreach (ref readonly var row in all)
        {
            if (frontier.LessEqual(row.Time))
            {
                keep++;
                lower.Insert(row.Time);
            }
        }
        if (keep == 0)
        {
            runs.Clear();
            return SortedRows.ToBatch(description, all);
        }
        if (keep == count)
            return TraceBatch<TKey, TVal, TTime, TDiff>.Empty(description);
        // A filter of a sorted run is sorted: split it into the sealed part and the part that stays.
        var ready = new TraceRow<TKey, TVal, TTime, TDiff>[count - keep];
        var kept = new TraceRow<TKey, TVal, TTime, TDiff>[keep];
        int r = 0, k = 0;
        foreach (ref readonly var row in all)
        {
            if (frontier.LessEqual(row.Time))
                kept[k++] = row;
            else
                ready[r++] = row;
        }
        runs[0] = (kept, keep);
        return SortedRows.ToBatch(description, ready);
    }

    private void MergeLastTwo()
    {
        var newer = runs[^1];
        var older = runs[^2];
        runs.RemoveRange(runs.Count - 2, 2);
        var (rows, count) = SortedRows.Merge<TKey, TVal, TTime, TDiff>(older.Rows.AsSpan(0, older.Count), newer.Rows.AsSpan(0, newer.Count));
        // Consolidation can leave much of the merged array unused: give the slack back.
        if (count < rows.Length - (rows.Length >> 2))
            Array.Resize(ref rows, count);
        if (count > 0)
            runs.Add((rows, count));
    }
}
