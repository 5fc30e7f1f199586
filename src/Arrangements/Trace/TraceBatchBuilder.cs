using System.Runtime.CompilerServices;
using AkkaDifferential.Arrangements.Trace.Columns;
using AkkaDifferential.Arrangements.Trace.Hashed;

namespace AkkaDifferential.Arrangements.Trace;

/// <summary>
/// Builds a <see cref="TraceBatch{TKey, TVal, TTime, TDiff}"/> of one <see cref="KeyLayout"/> from updates in any
/// order. Updates are buffered as rows; <see cref="Seal(Description{TTime})"/> sorts them by <c>(key, val, time)</c>
/// (keys in the layout's order), consolidates (sums the differences of equal
/// triples, drops zeros) and lays the survivors out in columns. The builder is then empty and can be reused; a
/// buffer of moderate size is kept (or up to the retained capacity it was made with, together with the scratch a
/// large sort moves its rows through), so a long-lived builder allocates only the batches it seals.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TVal">The value type.</typeparam>
/// <typeparam name="TTime">The timestamp type.</typeparam>
/// <typeparam name="TDiff">The difference type.</typeparam>
internal sealed class TraceBatchBuilder<TKey, TVal, TTime, TDiff> where TTime : notnull
{
    /// <summary>The largest buffer kept after a seal by default, in rows: a one-off large batch does not pin its buffer.</summary>
    private const int RetainedCapacity = 1 << 16;

    private readonly KeyLayout layout;
    private readonly int retainedCapacity;
    private TraceRow<TKey, TVal, TTime, TDiff>[] rows;
    // What a sort too large for the shared pool moves the rows through; kept while the builder keeps its rows.
    private TraceRow<TKey, TVal, TTime, TDiff>[]? scratch;

    /// <summary>An empty builder of the process's default layout (<see cref="KeyLayoutSetting"/>).</summary>
    public TraceBatchBuilder() : this(16)
    {
    }

    /// <summary>An empty builder of the default layout with room for <paramref name="capacity"/> updates before it grows.</summary>
    public TraceBatchBuilder(int capacity) : this(KeyLayoutSetting.Default, capacity)
    {
    }

    /// <summary>
    /// An empty builder of batches of <paramref name="layout"/>, with room for <paramref name="capacity"/> updates
    /// before it grows, that keeps buffers of up to <paramref name="retainedCapacity"/> rows (at least the default
    /// 2^16) after a seal.
    /// </summary>
    public TraceBatchBuilder(KeyLayout layout, int capacity = 16, int retainedCapacity = RetainedCapacity)
    {
        this.layout = layout;
        this.retainedCapacity = Math.Max(RetainedCapacity, retainedCapacity);
        rows = new TraceRow<TKey, TVal, TTime, TDiff>[Math.Max(1, capacity)];
    }

    /// <summary>The layout of the batches sealed.</summary>
    public KeyLayout Layout => layout;

    /// <summary>The number of updates pushed since the last <see cref="Seal(Description{TTime})"/>.</summary>
    public int Count { get; private set; }

    /// <summary>Adds one update.</summary>
    public void Push(TKey key, TVal val, TTime time, TDiff diff)
    {
        if (Count == rows.Length)
            Array.Resize(ref rows, Count < retainedCapacity ? Math.Min(Count * 2, retainedCapacity) : Count * 2);
        rows[Count++] = new(key, val, time, diff);
    }

    /// <summary>
    /// Sorts and consolidates the pushed updates into a batch covering <paramref name="description"/>, and empties
    /// the builder. The caller vouches that every time lies in the description's interval.
    /// </summary>
    public TraceBatch<TKey, TVal, TTime, TDiff> Seal(Description<TTime> description) => Seal(description, TraceLayout.SealedKeys);

    /// <summary>As <see cref="Seal(Description{TTime})"/>, writing string keys under <paramref name="keyEncoding"/>.</summary>
    internal TraceBatch<TKey, TVal, TTime, TDiff> Seal(Description<TTime> description, KeyEncoding keyEncoding)
    {
        var span = rows.AsSpan(0, Count);
        var count = SortedRows.SortAndConsolidate(span, layout, ref scratch);
        var batch = SortedRows.ToBatch(description, span[..count], layout, keyEncoding);
        // Consolidation cleared the rest; rows holding references must not keep them alive.
        if (RuntimeHelpers.IsReferenceOrContainsReferences<TraceRow<TKey, TVal, TTime, TDiff>>())
            span[..count].Clear();
        Count = 0;
        if (rows.Length > retainedCapacity)
        {
            rows = new TraceRow<TKey, TVal, TTime, TDiff>[16];
            scratch = null;
        }
        return batch;
    }
}
