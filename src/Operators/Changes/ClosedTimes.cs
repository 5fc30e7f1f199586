using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Arrangements.Updates;

namespace AkkaDifferential.Operators.Changes;

/// <summary>
/// Turns a collection's updates and frontier into one <see cref="TimeChanges{TData, TTime, TDiff}"/> per closed
/// time. Updates wait until the frontier passes their time; each step of the frontier closes the times it passed,
/// which are emitted in <see cref="Timestamp.Compare{T}"/> order, a linear extension of the partial order (a time
/// closed by a later step is never less than one closed by an earlier step, so the whole sequence is one too).
/// </summary>
/// <remarks>
/// The accumulated contents are kept as updates whose times are advanced by the frontier (differential dataflow's
/// logical compaction), which is exact for every time not yet closed: those are all in advance of the frontier.
/// With totally ordered times they collapse to one update per record. They are kept too, without being given out,
/// for a dataflow that recovers: after a redeployment (<see cref="Recover"/>) the stream publishes only the
/// difference between what the new incarnation produces and what it had published, so no closed time is published
/// twice and every later time's changes are exact. Not thread-safe: its actor owns it.
/// </remarks>
/// <param name="accumulate">Give each closed time's contents.</param>
/// <param name="keepContents">Keep the contents although they are not given (the dataflow recovers).</param>
internal sealed class ClosedTimes<TData, TTime, TDiff>(bool accumulate, bool keepContents = false) where TData : notnull where TTime : notnull
{
    private readonly bool keep = accumulate || keepContents;
    private List<Update<TData, TTime, TDiff>> open = [];
    private List<Update<TData, TTime, TDiff>> contents = [];
    // The frontier the contents are compacted to: they accumulate to the published changes at times in advance of it.
    private Antichain<TTime> compactedTo = Antichain<TTime>.From(Timestamp.Minimum<TTime>());
    // After a recovery, until the frontier is in advance of it: what the new incarnation's updates are advanced by.
    private Antichain<TTime>? advanceBy;

    /// <summary>The number of updates waiting for their time to close.</summary>
    public int Open => open.Count;

    /// <summary>Adds the updates of a batch; their times must not have closed.</summary>
    public void Add(UpdateBatch<TData, TTime, TDiff> batch)
    {
        for (var i = 0; i < batch.Count; i++)
            open.Add(advanceBy is null ? batch[i] : batch[i] with { Time = TimeCompaction.Advance(batch.Times[i], advanceBy) });
    }

    /// <summary>
    /// The dataflow is redeployed, its input replayed with times advanced by <paramref name="since"/> (which the
    /// stream's frontier had passed): the updates that were waiting are dropped (the new incarnation produces them
    /// again), and the published changes, negated and advanced like the new incarnation's updates, wait in their
    /// place, so that each time the new incarnation closes publishes what differs from what was published.
    /// </summary>
    /// <exception cref="InvalidOperationException">The contents are not kept (neither accumulating nor recovering).</exception>
    public void Recover(Antichain<TTime> since)
    {
        if (!keep)
            throw new InvalidOperationException("A change stream that keeps no contents cannot recover: it would not know what it published.");
        advanceBy = Antichain<TTime>.Join(since, compactedTo);
        open = [.. contents.Select(u => new Update<TData, TTime, TDiff>(u.Data, TimeCompaction.Advance(u.Time, advanceBy), Difference.Negate(u.Diff)))];
    }

    /// <summary>
    /// Closes every open time that <paramref name="frontier"/> has passed and returns them, in order, each with its
    /// consolidated changes (times whose changes cancel out are left out).
    /// </summary>
    /// <exception cref="OverflowException">A difference sums beyond the range of <typeparamref name="TDiff"/>.</exception>
    public List<TimeChanges<TData, TTime, TDiff>> Close(Antichain<TTime> frontier)
    {
        var closed = new List<Update<TData, TTime, TDiff>>();
        var stillOpen = new List<Update<TData, TTime, TDiff>>();
        foreach (var update in open)
            (frontier.LessEqual(update.Time) ? stillOpen : closed).Add(update);
        open = stillOpen;
        var rows = closed.ToArray();
        var kept = Consolidation.ConsolidateRows(rows.AsSpan());
        Array.Sort(rows, 0, kept, TimeThenData.Instance);
        var result = new List<TimeChanges<TData, TTime, TDiff>>();
        for (var start = 0; start < kept;)
        {
            var end = start + 1;
            while (end < kept && Timestamp.Compare(rows[end].Time, rows[start].Time) == 0)
                end++;
            var changes = new (TData, TDiff)[end - start];
            for (var i = start; i < end; i++)
                changes[i - start] = (rows[i].Data, rows[i].Diff);
            var time = rows[start].Time;
            result.Add(new TimeChanges<TData, TTime, TDiff>(time, changes, accumulate ? ContentsAt(time, rows.AsSpan(0, kept)) : null));
            start = end;
        }
        if (keep)
            Compact(rows.AsSpan(0, kept), frontier);
        if (advanceBy is not null && advanceBy.Dominates(frontier))
            advanceBy = null;
        return result;
    }

    /// <summary>The collection at <paramref name="time"/>: the kept contents and the updates closed now, at times ≤ it.</summary>
    private Dictionary<TData, TDiff> ContentsAt(TTime time, ReadOnlySpan<Update<TData, TTime, TDiff>> closing)
    {
        var result = new Dictionary<TData, TDiff>();
        foreach (var update in contents)
            AddIfVisible(result, update, time);
        foreach (var update in closing)
            AddIfVisible(result, update, time);
        foreach (var (data, diff) in result)
            if (Difference.IsZero(diff))
                result.Remove(data);
        return result;
    }

    private static void AddIfVisible(Dictionary<TData, TDiff> result, in Update<TData, TTime, TDiff> update, TTime time)
    {
        if (Lattice.LessEqual(update.Time, time))
            result[update.Data] = Difference.Add(result.GetValueOrDefault(update.Data, Difference.Zero<TDiff>()), update.Diff);
    }

    /// <summary>Adds the closed updates to the contents, advances every time by the frontier and consolidates.</summary>
    private void Compact(ReadOnlySpan<Update<TData, TTime, TDiff>> closing, Antichain<TTime> frontier)
    {
        var rows = new Update<TData, TTime, TDiff>[contents.Count + closing.Length];
        contents.CopyTo(rows);
        closing.CopyTo(rows.AsSpan(contents.Count));
        for (var i = 0; i < rows.Length; i++)
            rows[i] = rows[i] with { Time = TimeCompaction.Advance(rows[i].Time, frontier) };
        var kept = Consolidation.ConsolidateRows(rows.AsSpan());
        contents = [.. rows.AsSpan(0, kept)];
        compactedTo = Antichain<TTime>.Join(compactedTo, frontier);
    }

    /// <summary>Orders consolidated updates by time, then record.</summary>
    private sealed class TimeThenData : IComparer<Update<TData, TTime, TDiff>>
    {
        public static readonly TimeThenData Instance = new();

        public int Compare(Update<TData, TTime, TDiff> x, Update<TData, TTime, TDiff> y)
        {
            var time = Timestamp.Compare(x.Time, y.Time);
            return time != 0 ? time : DataOrder<TData>.Compare(x.Data, y.Data);
        }
    }
}
