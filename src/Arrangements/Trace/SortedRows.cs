using System.Runtime.CompilerServices;
using AkkaDifferential.Arrangements.Data;
using AkkaDifferential.Arrangements.Trace.Columns;
using AkkaDifferential.Arrangements.Trace.Hashed;

namespace AkkaDifferential.Arrangements.Trace;

/// <summary>
/// What batch building does with rows sorted by <see cref="TraceRowOrder{TKey, TVal, TTime, TDiff}"/> (or, for a
/// hashed batch, <see cref="HashedRowOrder{TKey, TVal, TTime, TDiff}"/>):
/// consolidating them (summing the differences of equal <c>(key, val, time)</c>, dropping zeros), merging two
/// consolidated runs into one, and laying consolidated rows out as a batch's columns.
/// </summary>
internal static class SortedRows
{
    /// <summary>
    /// Sorts <paramref name="rows"/> in the row order of <paramref name="layout"/> (an ordered batch's by radix when its
    /// keys are integers and they are many: <see cref="RowRadixSort"/>; a hashed batch's by hash:
    /// <see cref="HashSort"/>) and consolidates them in place; returns how many are left at the front. A radix sort
    /// too large for the shared pool moves the rows through <paramref name="scratch"/> (allocated there when missing
    /// or short, and left for the caller's next sort).
    /// </summary>
    public static int SortAndConsolidate<TKey, TVal, TTime, TDiff>(
        Span<TraceRow<TKey, TVal, TTime, TDiff>> rows, KeyLayout layout, ref TraceRow<TKey, TVal, TTime, TDiff>[]? scratch)
    {
        // Rows often arrive in order (a reduction emits key by key): checking is one pass, sorting many.
        if (layout == KeyLayout.Hashed)
        {
            var hashed = new HashedRowOrder<TKey, TVal, TTime, TDiff>();
            if (!SpanSort.IsSorted<TraceRow<TKey, TVal, TTime, TDiff>, HashedRowOrder<TKey, TVal, TTime, TDiff>>(rows, hashed))
                HashSort.Sort(rows);
            return Consolidate(rows, hashed);
        }
        var order = new TraceRowOrder<TKey, TVal, TTime, TDiff>();
        if (!SpanSort.IsSorted<TraceRow<TKey, TVal, TTime, TDiff>, TraceRowOrder<TKey, TVal, TTime, TDiff>>(rows, order))
        {
            if (RowRadixSort.Applies<TKey>(rows.Length))
                RowRadixSort.Sort(rows, ref scratch);
            else
                SpanSort.Sort(rows, order);
        }
        return Consolidate(rows, order);
    }

    /// <summary>Consolidates rows sorted by <paramref name="order"/> in place; returns how many are left at the front.</summary>
    private static int Consolidate<TKey, TVal, TTime, TDiff, TOrder>(Span<TraceRow<TKey, TVal, TTime, TDiff>> rows, TOrder order)
        where TOrder : struct, IComparer<TraceRow<TKey, TVal, TTime, TDiff>>
    {
        var write = 0;
        for (var read = 0; read < rows.Length;)
        {
            var row = rows[read++];
            while (read < rows.Length && order.Compare(row, rows[read]) == 0)
                row.Diff = Difference.Add(row.Diff, rows[read++].Diff);
            if (!Difference.IsZero(row.Diff))
                rows[write++] = row;
        }
        if (RuntimeHelpers.IsReferenceOrContainsReferences<TraceRow<TKey, TVal, TTime, TDiff>>())
            rows[write..].Clear();
        return write;
    }

    /// <summary>Merges two consolidated runs into a new consolidated run (an array that may be longer than its count).</summary>
    public static (TraceRow<TKey, TVal, TTime, TDiff>[] Rows, int Count) Merge<TKey, TVal, TTime, TDiff>(
        ReadOnlySpan<TraceRow<TKey, TVal, TTime, TDiff>> a, ReadOnlySpan<TraceRow<TKey, TVal, TTime, TDiff>> b)
    {
        var order = new TraceRowOrder<TKey, TVal, TTime, TDiff>();
        var result = new TraceRow<TKey, TVal, TTime, TDiff>[a.Length + b.Length];
        int i = 0, j = 0, write = 0;
        while (i < a.Length && j < b.Length)
        {
            var c = order.Compare(a[i], b[j]);
            if (c < 0)
            {
                result[write++] = a[i++];
            }
            else if (c > 0)
            {
                result[write++] = b[j++];
            }
            else
            {
                var row = a[i++];
                row.Diff = Difference.Add(row.Diff, b[j++].Diff);
                if (!Difference.IsZero(row.Diff))
                    result[write++] = row;
            }
        }
        a[i..].CopyTo(result.AsSpan(write));
        write += a.Length - i;
        b[j..].CopyTo(result.AsSpan(write));
        write += b.Length - j;
        return (result, write);
    }

    /// <summary>
    /// The batch covering <paramref name="description"/> of consolidated <paramref name="rows"/>, sorted in the row
    /// order of <paramref name="layout"/>, its string keys written under <paramref name="keyEncoding"/>.
    /// </summary>
    public static TraceBatch<TKey, TVal, TTime, TDiff> ToBatch<TKey, TVal, TTime, TDiff>(
        Description<TTime> description, ReadOnlySpan<TraceRow<TKey, TVal, TTime, TDiff>> rows, KeyLayout layout, KeyEncoding keyEncoding)
        where TTime : notnull
    {
        if (rows.IsEmpty)
            return TraceBatch<TKey, TVal, TTime, TDiff>.Empty(description);
        int keyCount = 0, valCount = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            var newKey = i == 0 || DataOrder<TKey>.Compare(rows[i - 1].Key, rows[i].Key) != 0;
            if (newKey)
                keyCount++;
            if (newKey || DataOrder<TVal>.Compare(rows[i - 1].Val, rows[i].Val) != 0)
                valCount++;
        }
        var keys = new KeyWriter<TKey>(keyCount, keyEncoding);
        var keyOffsets = new OffsetWriter(keyCount);
        var vals = new ColumnWriter<TVal, DataEquality<TVal>>(valCount);
        var valOffsets = new OffsetWriter(valCount);
        var times = new ColumnWriter<TTime, TimeEquality<TTime>>(rows.Length);
        var diffs = new ColumnWriter<TDiff, DiffEquality<TDiff>>(rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            ref readonly var row = ref rows[i];
            var newKey = i == 0 || DataOrder<TKey>.Compare(rows[i - 1].Key, row.Key) != 0;
            if (newKey)
            {
                if (i > 0)
                    keyOffsets.Add(vals.Count);
                keys.Add(row.Key);
            }
            if (newKey || DataOrder<TVal>.Compare(vals.Last, row.Val) != 0)
            {
                if (vals.Count > 0)
                    valOffsets.Add(i);
                vals.Add(row.Val);
            }
            times.Add(row.Time);
            diffs.Add(row.Diff);
        }
        keyOffsets.Add(vals.Count);
        valOffsets.Add(rows.Length);
        var keyColumn = keys.ToColumn();
        return new(description, keyColumn, keyOffsets.ToColumn(), vals.ToColumn(), valOffsets.ToColumn(), times.ToColumn(), diffs.ToColumn(),
            keySlots: layout == KeyLayout.Hashed ? KeySlots.Build(keyColumn) : null);
    }
}
