using System.Runtime.CompilerServices;
using AkkaDifferential.Arrangements.Data;
using AkkaDifferential.Progress.Differences;
using AkkaDifferential.Progress.Timestamps;

namespace AkkaDifferential.Arrangements.Trace;

/// <summary>
/// Builds a <see cref="TraceBatch{TKey, TVal, TTime, TDiff}"/> from updates in any order. Updates are buffered as
/// rows; <see cref="Seal"/> sorts them by <c>(key, val, time)</c>, consolidates (sums the differences of equal
/// triples, drops zeros) and lays the survivors out in columns. The builder is then empty and can be reused; its
/// buffer is kept, so a long-lived builder allocates only the batches it seals.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TVal">The value type.</typeparam>
/// <typeparam name="TTime">The timestamp type.</typeparam>
/// <typeparam name="TDiff">The difference type.</typeparam>
public sealed class TraceBatchBuilder<TKey, TVal, TTime, TDiff> where TTime : notnull
{
    private Row[] rows;

    /// <summary>An empty builder.</summary>
    public TraceBatchBuilder() : this(16)
    {
    }

    /// <summary>An empty builder with room for <paramref name="capacity"/> updates before it grows.</summary>
    public TraceBatchBuilder(int capacity) => rows = new Row[Math.Max(1, capacity)];

    /// <summary>The number of updates pushed since the last <see cref="Seal"/>.</summary>
    public int Count { get; private set; }

    /// <summary>Adds one update.</summary>
    public void Push(TKey key, TVal val, TTime time, TDiff diff)
    {
        if (Count == rows.Length)
            Array.Resize(ref rows, rows.Length * 2);
        rows[Count++] = new Row(key, val, time, diff);
    }

    /// <summary>
    /// Sorts and consolidates the pushed updates into a batch covering <paramref name="description"/>, and empties
    /// the builder. The caller vouches that every time lies in the description's interval.
    /// </summary>
    public TraceBatch<TKey, TVal, TTime, TDiff> Seal(Description<TTime> description)
    {
        var span = rows.AsSpan(0, Count);
        if (span.Length > 1)
            span.Sort(new RowOrder());
        var (updates, keyCount, valCount) = Consolidate(span);
        var batch = updates == 0
            ? TraceBatch<TKey, TVal, TTime, TDiff>.Empty(description)
            : Columns(description, span[..updates], keyCount, valCount);
        if (RuntimeHelpers.IsReferenceOrContainsReferences<Row>())
            span.Clear();
        Count = 0;
        return batch;
    }

    /// <summary>Consolidates sorted rows in place, counting the distinct keys and values that survive.</summary>
    private static (int Updates, int Keys, int Vals) Consolidate(Span<Row> span)
    {
        int write = 0, keys = 0, vals = 0;
        for (var read = 0; read < span.Length;)
        {
            var row = span[read++];
            while (read < span.Length && RowOrder.Same(row, span[read]))
                row.Diff = Difference.Add(row.Diff, span[read++].Diff);
            if (Difference.IsZero(row.Diff))
                continue;
            var newKey = write == 0 || DataOrder<TKey>.Compare(span[write - 1].Key, row.Key) != 0;
            if (newKey)
                keys++;
            if (newKey || DataOrder<TVal>.Compare(span[write - 1].Val, row.Val) != 0)
                vals++;
            span[write++] = row;
        }
        return (write, keys, vals);
    }

    private static TraceBatch<TKey, TVal, TTime, TDiff> Columns(Description<TTime> description, Span<Row> span, int keyCount, int valCount)
    {
        var keys = new TKey[keyCount];
        var keyOffsets = new int[keyCount + 1];
        var vals = new TVal[valCount];
        var valOffsets = new int[valCount + 1];
        var times = new TTime[span.Length];
        var diffs = new TDiff[span.Length];
        int k = 0, v = 0;
        for (var i = 0; i < span.Length; i++)
        {
            ref var row = ref span[i];
            var newKey = k == 0 || DataOrder<TKey>.Compare(keys[k - 1], row.Key) != 0;
            if (newKey)
                keys[k++] = row.Key;
            if (newKey || DataOrder<TVal>.Compare(vals[v - 1], row.Val) != 0)
                vals[v++] = row.Val;
            keyOffsets[k] = v;
            valOffsets[v] = i + 1;
            times[i] = row.Time;
            diffs[i] = row.Diff;
        }
        return new(description, keys, keyOffsets, keyCount, vals, valOffsets, valCount, times, diffs, span.Length);
    }

    private struct Row(TKey key, TVal val, TTime time, TDiff diff)
    {
        public TKey Key = key;
        public TVal Val = val;
        public TTime Time = time;
        public TDiff Diff = diff;
    }

    /// <summary>Orders rows by key, value, then time; a struct so that sorting calls it without indirection.</summary>
    private readonly struct RowOrder : IComparer<Row>
    {
        public int Compare(Row x, Row y)
        {
            var c = DataOrder<TKey>.Compare(x.Key, y.Key);
            if (c != 0)
                return c;
            c = DataOrder<TVal>.Compare(x.Val, y.Val);
            return c != 0 ? c : Timestamp.Compare(x.Time, y.Time);
        }

        public static bool Same(in Row x, in Row y) =>
            Timestamp.Compare(x.Time, y.Time) == 0
            && DataOrder<TKey>.Compare(x.Key, y.Key) == 0
            && DataOrder<TVal>.Compare(x.Val, y.Val) == 0;
    }
}
