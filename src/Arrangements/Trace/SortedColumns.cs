using System.Buffers;
using System.Runtime.CompilerServices;
using AkkaDifferential.Arrangements.Trace.Columns;

namespace AkkaDifferential.Arrangements.Trace;

/// <summary>
/// The small algorithms that batches, the merger and cursors share over sorted columns: searching a sorted range
/// (galloping from a position, for forward-moving cursors) and consolidating the <c>(time, diff)</c> list of one
/// <c>(key, val)</c>.
/// </summary>
internal static class SortedColumns
{
    /// <summary>
    /// The first index in <c>[from, items.Length)</c> whose item is ≥ <paramref name="target"/> in
    /// <see cref="DataOrder{T}"/>, or <c>items.Length</c>. Gallops from <paramref name="from"/>, so a search
    /// that lands near where it starts costs a few comparisons.
    /// </summary>
    public static int LowerBound<T>(ReadOnlySpan<T> items, T target, int from)
    {
        if (from >= items.Length || DataOrder<T>.Compare(items[from], target) >= 0)
            return from;
        // items[low] < target; find a high with items[high] >= target (or the end) by doubling steps.
        var low = from;
        var step = 1;
        var high = from + 1;
        while (high < items.Length && DataOrder<T>.Compare(items[high], target) < 0)
        {
            low = high;
            step <<= 1;
            high = low + step;
        }
        if (high > items.Length)
            high = items.Length;
        // Invariant: items[low] < target, and items[high] >= target or high == Length.
        while (high - low > 1)
        {
            var mid = low + ((high - low) >> 1);
            if (DataOrder<T>.Compare(items[mid], target) < 0)
                low = mid;
            else
                high = mid;
        }
        return high;
    }

    /// <summary>
    /// Sorts by time, when <paramref name="sort"/>, and consolidates the updates a merge has written for one value,
    /// those from <paramref name="start"/> on: sums the differences of equal times and drops zero sums, through the
    /// writers, so that coded or uniform columns stay so. The sort is in place when both columns are stored, and
    /// otherwise of a rented copy of the few updates, written back.
    /// </summary>
    public static void SortAndConsolidateValue<TTime, TDiff>(
        ref ColumnWriter<TTime, TimeEquality<TTime>> times, ref ColumnWriter<TDiff, DiffEquality<TDiff>> diffs, int start, bool sort)
    {
        var count = times.Count - start;
        if (sort && times.IsStored && diffs.IsStored)
            SortByTime(times.Span(start, count), diffs.Span(start, count));
        else if (sort)
            SortThroughCopy(ref times, ref diffs, start, count);
        var write = start;
        for (var read = start; read < start + count;)
        {
            var time = times[read];
            var sum = diffs[read];
            read++;
            while (read < start + count && Timestamp.Compare(time, times[read]) == 0)
                sum = Difference.Add(sum, diffs[read++]);
            if (Difference.IsZero(sum))
                continue;
            times.Set(write, time);
            diffs.Set(write, sum);
            write++;
        }
        times.Truncate(write);
        diffs.Truncate(write);
    }

    /// <summary>Sorts the updates <c>[start, start + count)</c> by time through a rented copy, written back.</summary>
    private static void SortThroughCopy<TTime, TDiff>(
        ref ColumnWriter<TTime, TimeEquality<TTime>> times, ref ColumnWriter<TDiff, DiffEquality<TDiff>> diffs, int start, int count)
    {
        var timeCopy = ArrayPool<TTime>.Shared.Rent(count);
        var diffCopy = ArrayPool<TDiff>.Shared.Rent(count);
        try
        {
            var t = timeCopy.AsSpan(0, count);
            var d = diffCopy.AsSpan(0, count);
            times.CopyTo(start, t);
            diffs.CopyTo(start, d);
            SortByTime(t, d);
            for (var i = 0; i < count; i++)
            {
                times.Set(start + i, t[i]);
                diffs.Set(start + i, d[i]);
            }
        }
        finally
        {
            ArrayPool<TTime>.Shared.Return(timeCopy, RuntimeHelpers.IsReferenceOrContainsReferences<TTime>());
            ArrayPool<TDiff>.Shared.Return(diffCopy, RuntimeHelpers.IsReferenceOrContainsReferences<TDiff>());
        }
    }

    /// <summary>Sorts <paramref name="times"/> and <paramref name="diffs"/> together by time.</summary>
    public static void SortByTime<TTime, TDiff>(Span<TTime> times, Span<TDiff> diffs) =>
        times.Sort(diffs, new TimeOrder<TTime>());

    /// <summary><see cref="Timestamp.Compare{T}"/> as a struct comparer, so sorting calls it directly.</summary>
    private readonly struct TimeOrder<TTime> : IComparer<TTime>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Compare(TTime? x, TTime? y) => Timestamp.Compare(x!, y!);
    }
}
