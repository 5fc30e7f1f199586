namespace AkkaDifferential.Arrangements.Updates;

/// <summary>
/// A growable, columnar buffer of updates that becomes an <see cref="UpdateBatch{TData, TTime, TDiff}"/>.
/// Operators write their output here during an activation; inputs buffer user updates here until flushed.
/// </summary>
internal sealed class UpdateBuilder<TData, TTime, TDiff>
{
    /// <summary>The largest buffer a builder keeps after building, in updates: a one-off large batch does not pin its buffer.</summary>
    private const int RetainedCapacity = 1 << 16;

    private TData[] data;
    private TTime[] times;
    private TDiff[] diffs;

    /// <summary>An empty builder with room for <paramref name="capacity"/> updates.</summary>
    public UpdateBuilder(int capacity = 16) => (data, times, diffs) = Buffers(capacity);

    /// <summary>The number of updates buffered.</summary>
    public int Count { get; private set; }

    /// <summary>Appends one update.</summary>
    public void Add(TData record, TTime time, TDiff diff)
    {
        if (Count == data.Length)
            Grow();
        data[Count] = record;
        times[Count] = time;
        diffs[Count] = diff;
        Count++;
    }

    /// <summary>Sorts by record and time, sums the differences of equal pairs and drops zeros.</summary>
    public void Consolidate() => Count = Consolidation.Consolidate(data.AsSpan(0, Count), times.AsSpan(0, Count), diffs.AsSpan(0, Count));

    /// <summary>
    /// Moves the buffered updates into a batch and leaves the builder empty. A buffer at least half full becomes the
    /// batch's columns as it is (the builder starts a new one); otherwise the updates are copied out and the buffer
    /// kept for the next batch, unless it is large.
    /// </summary>
    public UpdateBatch<TData, TTime, TDiff> Build()
    {
        if (Count == 0)
            return UpdateBatch<TData, TTime, TDiff>.Empty;
        if (2 * Count >= data.Length)
        {
            var handedOver = new UpdateBatch<TData, TTime, TDiff>(data, times, diffs, Count);
            (data, times, diffs) = Buffers(Math.Min(data.Length, RetainedCapacity));
            Count = 0;
            return handedOver;
        }
        var copied = new UpdateBatch<TData, TTime, TDiff>(data[..Count], times[..Count], diffs[..Count]);
        Clear();
        if (data.Length > RetainedCapacity)
            (data, times, diffs) = Buffers(RetainedCapacity);
        return copied;
    }

    /// <summary>Forgets the buffered updates, keeping the storage.</summary>
    public void Clear()
    {
        if (System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<TData>())
            Array.Clear(data, 0, Count);
        Count = 0;
    }

    private static (TData[] Data, TTime[] Times, TDiff[] Diffs) Buffers(int capacity) =>
        (new TData[capacity], new TTime[capacity], new TDiff[capacity]);

    private void Grow()
    {
        var capacity = Math.Max(16, data.Length * 2);
        Array.Resize(ref data, capacity);
        Array.Resize(ref times, capacity);
        Array.Resize(ref diffs, capacity);
    }
}
