using System.Buffers;
using AkkaDifferential.Arrangements.Data;

namespace AkkaDifferential.Arrangements.Updates;

/// <summary>
/// Consolidation: the canonical form of a list of updates. Updates are sorted by record then time, the
/// differences of equal <c>(record, time)</c> pairs are summed, and pairs whose sum is zero are dropped. Two lists
/// describe the same collection at every time exactly when their consolidated forms are equal.
/// </summary>
internal static class Consolidation
{
    /// <summary>
    /// Consolidates columns in place and returns the number of updates left at their front.
    /// </summary>
    public static int Consolidate<TData, TTime, TDiff>(Span<TData> data, Span<TTime> times, Span<TDiff> diffs)
    {
        var count = data.Length;
        if (count == 0)
            return 0;
        var rows = ArrayPool<Update<TData, TTime, TDiff>>.Shared.Rent(count);
        try
        {
            for (var i = 0; i < count; i++)
                rows[i] = new Update<TData, TTime, TDiff>(data[i], times[i], diffs[i]);
            var span = rows.AsSpan(0, count);
            var kept = ConsolidateRows(span);
            for (var i = 0; i < kept; i++)
            {
                data[i] = span[i].Data;
                times[i] = span[i].Time;
                diffs[i] = span[i].Diff;
            }
            return kept;
        }
        finally
        {
            ArrayPool<Update<TData, TTime, TDiff>>.Shared.Return(rows, clearArray: System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<TData>());
        }
    }

    /// <summary>Consolidates rows in place and returns the number of updates left at their front.</summary>
    public static int ConsolidateRows<TData, TTime, TDiff>(Span<Update<TData, TTime, TDiff>> rows)
    {
        if (rows.Length <= 1)
            return rows.Length == 1 && Difference.IsZero(rows[0].Diff) ? 0 : rows.Length;
        SpanSort.Sort(rows, new DataTimeOrder<TData, TTime, TDiff>());
        var write = 0;
        for (var read = 0; read < rows.Length;)
        {
            var current = rows[read];
            var sum = current.Diff;
            read++;
            while (read < rows.Length && SameDataTime(current, rows[read]))
                sum = Difference.Add(sum, rows[read++].Diff);
            if (!Difference.IsZero(sum))
                rows[write++] = current with { Diff = sum };
        }
        return write;
    }

    private static bool SameDataTime<TData, TTime, TDiff>(in Update<TData, TTime, TDiff> a, in Update<TData, TTime, TDiff> b) =>
        Timestamp.Compare(a.Time, b.Time) == 0 && DataOrder<TData>.Compare(a.Data, b.Data) == 0;

    /// <summary>Orders updates by record, then by time; a struct so that sorting calls it without indirection.</summary>
    private readonly struct DataTimeOrder<TData, TTime, TDiff> : IComparer<Update<TData, TTime, TDiff>>
    {
        public int Compare(Update<TData, TTime, TDiff> x, Update<TData, TTime, TDiff> y)
        {
            var data = DataOrder<TData>.Compare(x.Data, y.Data);
            return data != 0 ? data : Timestamp.Compare(x.Time, y.Time);
        }
    }
}
