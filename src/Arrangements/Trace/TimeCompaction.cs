using AkkaDifferential.Arrangements.Trace.Columns;

namespace AkkaDifferential.Arrangements.Trace;

/// <summary>
/// Logical compaction of times (differential dataflow's <c>advance_by</c>). When readers will only ever look at the
/// collection at times in advance of a frontier <c>since</c>, a time <c>x</c> may be replaced by
/// <c>Advance(x, since)</c>: the meet, over the elements <c>f</c> of <c>since</c>, of <c>Join(x, f)</c>. It is the
/// least time that no reader can tell apart from <c>x</c>: for every <c>t</c> in advance of <c>since</c>,
/// <c>Advance(x) ≤ t</c> exactly when <c>x ≤ t</c>. Updates whose times become equal can then be consolidated, which
/// is what keeps a trace's size proportional to the collection rather than to its history.
/// </summary>
internal static class TimeCompaction
{
    /// <summary>
    /// Advances <paramref name="time"/> by the frontier <paramref name="since"/>; an empty frontier leaves it unchanged.
    /// </summary>
    public static TTime Advance<TTime>(TTime time, Antichain<TTime> since)
    {
        var elements = since.Elements;
        if (elements.Count == 0)
            return time;
        var result = Lattice.Join(time, elements[0]);
        for (var i = 1; i < elements.Count; i++)
            result = Lattice.Meet(result, Lattice.Join(time, elements[i]));
        return result;
    }

    /// <summary>
    /// <see cref="Advance{TTime}(TTime, Antichain{TTime})"/> with the frontier's elements as a span, for loops that
    /// advance many times by one frontier.
    /// </summary>
    internal static TTime Advance<TTime>(TTime time, ReadOnlySpan<TTime> since)
    {
        if (since.IsEmpty)
            return time;
        var result = Lattice.Join(time, since[0]);
        for (var i = 1; i < since.Length; i++)
            result = Lattice.Meet(result, Lattice.Join(time, since[i]));
        return result;
    }

    /// <summary>
    /// Advances every element of <paramref name="frontier"/> by <paramref name="since"/>: the least frontier that the
    /// advanced times of updates at or after <paramref name="frontier"/> are at or after (advancing is monotone).
    /// </summary>
    public static Antichain<TTime> Advance<TTime>(Antichain<TTime> frontier, Antichain<TTime> since)
    {
        var result = new Antichain<TTime>();
        foreach (var time in frontier.Elements)
            result.Insert(Advance(time, since));
        return result;
    }

    /// <summary>
    /// <paramref name="batch"/> with its times advanced by <paramref name="since"/> and consolidated: the batch itself
    /// when advancing changes none of them (no copy), otherwise a compacted copy under the same frontiers.
    /// </summary>
    public static TraceBatch<TKey, TVal, TTime, TDiff> Advance<TKey, TVal, TTime, TDiff>(TraceBatch<TKey, TVal, TTime, TDiff> batch, Antichain<TTime> since)
        where TTime : notnull
    {
        if (IsIdentity(since) || batch.IsEmpty || (batch.CompactedBy is { } compacted && since.Dominates(compacted)))
            return batch;
        TTime[] elements = [.. since.Elements];
        var unchanged = true;
        // A uniform column has one time to look at, a base and exceptions the base and the exceptions.
        foreach (var part in batch.Parts)
        {
            var times = part.Times.Distinct;
            for (var u = 0; u < times.Length && unchanged; u++)
                unchanged = EqualityComparer<TTime>.Default.Equals(Advance(times[u], elements), times[u]);
        }
        if (unchanged)
            return batch;
        var end = batch.Description.Upper;
        return IBatchMerge<TKey, TVal, TTime, TDiff>.Start(batch, TraceBatch<TKey, TVal, TTime, TDiff>.Empty(new Description<TTime>(end, end, since)), since, TraceLayout.Keys, TraceLayout.Composite).Complete();
    }

    /// <summary>
    /// True when advancing by <paramref name="since"/> changes no time: the frontier is empty or is just the minimum.
    /// </summary>
    internal static bool IsIdentity<TTime>(Antichain<TTime> since)
    {
        var elements = since.Elements;
        return elements.Count == 0
            || (elements.Count == 1 && Lattice.LessEqual(elements[0], Timestamp.Minimum<TTime>()));
    }
}
