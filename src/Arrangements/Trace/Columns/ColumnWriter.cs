namespace AkkaDifferential.Arrangements.Trace.Columns;

/// <summary>Equality of the items of a column, by the order the batch sorts them by.</summary>
internal interface IColumnEquality<T>
{
    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> are the same item.</summary>
    bool Equal(T a, T b);
}

/// <summary>Keys and values: equal in <see cref="DataOrder{T}"/>.</summary>
internal readonly struct DataEquality<T> : IColumnEquality<T>
{
    /// <inheritdoc/>
    public bool Equal(T a, T b) => DataOrder<T>.Compare(a, b) == 0;
}

/// <summary>Times: equal in <see cref="Timestamp.Compare{T}"/>.</summary>
internal readonly struct TimeEquality<T> : IColumnEquality<T>
{
    /// <inheritdoc/>
    public bool Equal(T a, T b) => Timestamp.Compare(a, b) == 0;
}

/// <summary>Differences: equal as values.</summary>
internal readonly struct DiffEquality<T> : IColumnEquality<T>
{
    /// <inheritdoc/>
    public bool Equal(T a, T b) => EqualityComparer<T>.Default.Equals(a, b);
}

/// <summary>
/// Writes a <see cref="Column{T}"/> of at most a known number of items, appended in order. It keeps no array while
/// every item equals the first, so a uniform column costs nothing however long, and allocates the worst-case array
/// (filled with the copies so far) at the first item that differs. <see cref="Span"/> gives the items written as a
/// span to sort or consolidate in place, which stores the column first. Under <see cref="TraceLayout.Explicit"/>
/// the array is allocated at once and the column is always stored.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
/// <typeparam name="TEquality">When two items are the same.</typeparam>
internal struct ColumnWriter<T, TEquality> where TEquality : struct, IColumnEquality<T>
{
    private readonly int capacity;
    private T[]? items;
    private T first;

    /// <summary>A writer for at most <paramref name="capacity"/> items.</summary>
    public ColumnWriter(int capacity)
    {
        this.capacity = capacity;
        first = default!;
        items = TraceLayout.Explicit ? GC.AllocateUninitializedArray<T>(capacity) : null;
    }

    /// <summary>The number of items written.</summary>
    public int Count { get; private set; }

    /// <summary>The last item written (the caller has written one).</summary>
    public readonly T Last => items is null ? first : items[Count - 1];

    /// <summary>The item written at <paramref name="index"/>.</summary>
    public readonly T this[int index] => items is null ? first : items[index];

    /// <summary>Appends <paramref name="item"/>.</summary>
    public void Add(T item)
    {
        if (items is null)
        {
            if (Count == 0)
                first = item;
            else if (!default(TEquality).Equal(first, item))
                Store();
            if (items is null)
            {
                Count++;
                return;
            }
        }
        items[Count++] = item;
    }

    /// <summary>Appends the items <c>[start, start + count)</c> of <paramref name="source"/>.</summary>
    public void AddRange(Column<T> source, int start, int count)
    {
        if (count <= 0)
            return;
        if (items is null && source.IsUniform)
        {
            Add(source[start]);
            if (items is null)
            {
                Count += count - 1;
                return;
            }
            start++;
            count--;
        }
        while (count > 0 && items is null)
        {
            Add(source[start++]);
            count--;
        }
        if (count == 0)
            return;
        source.CopyTo(start, count, items.AsSpan(Count));
        Count += count;
    }

    /// <summary>Replaces the last item written with <paramref name="item"/>.</summary>
    public void SetLast(T item)
    {
        if (items is null)
        {
            if (Count == 1)
            {
                first = item;
                return;
            }
            if (default(TEquality).Equal(first, item))
                return;
            Store();
        }
        items![Count - 1] = item;
    }

    /// <summary>The items <c>[start, start + length)</c> as a span that may be changed in place (stores the column).</summary>
    public Span<T> Span(int start, int length)
    {
        if (items is null)
            Store();
        return items.AsSpan(start, length);
    }

    /// <summary>Removes the item at <paramref name="index"/>, moving the later ones down (nothing to move while uniform).</summary>
    public void RemoveAt(int index)
    {
        if (items is not null)
            items.AsSpan(index + 1, Count - index - 1).CopyTo(items.AsSpan(index));
        Count--;
    }

    /// <summary>Forgets the items from <paramref name="count"/> on.</summary>
    public void Truncate(int count) => Count = count;

    /// <summary>
    /// The column written: uniform when its items are all equal, a base and exceptions when at most a quarter differ
    /// from the most frequent, else stored, an array more than half empty
    /// (consolidation dropped items) copied down to size rather than hold the space. The writer must not be used afterwards.
    /// </summary>
    public readonly Column<T> ToColumn()
    {
        if (items is null)
            return Column<T>.Uniform(Count == 0 ? default! : first, Count);
        // Items that differed may have been consolidated away since the column was stored: look again.
        if (!TraceLayout.Explicit && AllEqual(items.AsSpan(0, Count)))
            return Column<T>.Uniform(items[0], Count);
        if (!TraceLayout.Explicit && BaseAndExceptions<T>.TryEncode<TEquality>(items.AsSpan(0, Count)) is { } sparse)
            return Column<T>.Sparse(sparse, Count);
        return Column<T>.Stored(Count < items.Length / 2 ? items[..Count] : items, Count);
    }

    private static bool AllEqual(ReadOnlySpan<T> items)
    {
        for (var i = 1; i < items.Length; i++)
            if (!default(TEquality).Equal(items[0], items[i]))
                return false;
        return items.Length > 0;
    }

    /// <summary>Allocates the worst-case array and fills it with the uniform items written so far.</summary>
    private void Store()
    {
        items = GC.AllocateUninitializedArray<T>(capacity);
        items.AsSpan(0, Count).Fill(first);
    }
}

/// <summary>
/// Writes an <see cref="OffsetColumn"/> entry by entry (the first, 0, is implied): implicit while entry <c>i</c> is
/// <c>i</c>, stored from the first entry that is not. Under <see cref="TraceLayout.Explicit"/> always stored.
/// </summary>
internal struct OffsetWriter
{
    private readonly int capacity;
    private int[]? offsets;

    /// <summary>A writer for offsets of at most <paramref name="items"/> items.</summary>
    public OffsetWriter(int items)
    {
        capacity = items + 1;
        Count = 1;
        offsets = TraceLayout.Explicit ? Allocate(capacity, 1) : null;
    }

    /// <summary>The number of entries written, the implied first included.</summary>
    public int Count { get; private set; }

    /// <summary>Appends the next entry: where the item just finished ends.</summary>
    public void Add(int offset)
    {
        if (offsets is null)
        {
            if (offset == Count)
            {
                Count++;
                return;
            }
            offsets = Allocate(capacity, Count);
        }
        offsets[Count++] = offset;
    }

    /// <summary>The offsets written; stored ones more than half empty are copied down to size.</summary>
    public readonly OffsetColumn ToColumn()
    {
        if (offsets is null)
            return OffsetColumn.Implicit(Count - 1);
        return OffsetColumn.Stored(Count < offsets.Length / 2 ? offsets[..Count] : offsets, Count);
    }

    /// <summary>An array for <paramref name="capacity"/> entries whose first <paramref name="count"/> are <c>0, 1, …</c>.</summary>
    private static int[] Allocate(int capacity, int count)
    {
        var offsets = GC.AllocateUninitializedArray<int>(capacity);
        for (var i = 0; i < count; i++)
            offsets[i] = i;
        return offsets;
    }
}
