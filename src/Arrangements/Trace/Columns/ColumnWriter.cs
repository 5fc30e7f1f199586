using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
/// every item equals the first, so a uniform column costs nothing however long. At the first item that differs it
/// codes the items against a palette (<see cref="PaletteCodes{T}"/>: a byte per item) while they take at most
/// <see cref="PaletteCodes{T}.MaxPalette"/> distinct values, for plain-data items of columns long enough to be
/// worth it, and stores them in the worst-case array (filled with the items so far) otherwise, or from the item
/// that would overflow the palette. So a merge of batches whose times are a few iterations never allocates their
/// times' full width. <see cref="Span"/> gives the items written as a span to sort or consolidate in place, which
/// stores the column first (<see cref="IsStored"/> says whether that costs anything). Under
/// <see cref="TraceLayout.Explicit"/> the array is allocated at once and the column is always stored.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
/// <typeparam name="TEquality">When two items are the same.</typeparam>
internal struct ColumnWriter<T, TEquality> where TEquality : struct, IColumnEquality<T>
{
    // Items that hash by their own equality (no boxing for a value type that implements it), not by their bytes.
    private static readonly bool Equatable = typeof(IEquatable<T>).IsAssignableFrom(typeof(T));

    // Open addressing over the palette, twice its size: an entry's code plus one, 0 when free.
    private const int SlotCount = 2 * PaletteCodes<int>.MaxPalette;

    // The codes a coded writer starts with.
    private const int InitialCodes = 4096;

    private readonly int capacity;
    private T[]? items;
    private T first;
    // While coded: the palette, a code per item, the slots that find a palette entry, and the last code written.
    private T[]? palette;
    private byte[]? codes;
    private short[]? slots;
    private int paletteCount;
    private byte lastCode;

    /// <summary>A writer for at most <paramref name="capacity"/> items.</summary>
    public ColumnWriter(int capacity)
    {
        this.capacity = capacity;
        first = default!;
        items = TraceLayout.Explicit ? GC.AllocateUninitializedArray<T>(capacity) : null;
    }

    /// <summary>The number of items written.</summary>
    public int Count { get; private set; }

    /// <summary>True when the items are in an array, so that <see cref="Span"/> is free.</summary>
    public readonly bool IsStored => items is not null;

    /// <summary>The last item written (the caller has written one).</summary>
    public readonly T Last => this[Count - 1];

    /// <summary>The item written at <paramref name="index"/>.</summary>
    public readonly T this[int index] => items is not null ? items[index] : codes is not null ? palette![codes[index]] : first;

    /// <summary>Appends <paramref name="item"/>.</summary>
    public void Add(T item)
    {
        if (items is not null)
        {
            items[Count++] = item;
            return;
        }
        if (codes is not null)
        {
            if (TryCode(item, out var code))
            {
                if (Count == codes.Length)
                    Array.Resize(ref codes, (int)Math.Min(capacity, 2L * codes.Length));
                codes[Count++] = code;
                return;
            }
            Store();
            items![Count++] = item;
            return;
        }
        if (Count == 0)
            first = item;
        else if (!default(TEquality).Equal(first, item))
        {
            Diverge();
            Add(item);
            return;
        }
        Count++;
    }

    /// <summary>Appends the items <c>[start, start + count)</c> of <paramref name="source"/>.</summary>
    public void AddRange(Column<T> source, int start, int count)
    {
        if (count <= 0)
            return;
        if (items is null && codes is null && source.IsUniform)
        {
            Add(source[start]);
            if (items is null && codes is null)
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
    public void SetLast(T item) => Set(Count - 1, item);

    /// <summary>Replaces the item written at <paramref name="index"/> with <paramref name="item"/>.</summary>
    public void Set(int index, T item)
    {
        if (items is null && codes is null)
        {
            if (default(TEquality).Equal(first, item))
                return;
            if (Count == 1)
            {
                first = item;
                return;
            }
            Diverge();
        }
        if (codes is not null)
        {
            if (TryCode(item, out var code))
            {
                codes[index] = code;
                return;
            }
            Store();
        }
        items![index] = item;
    }

    /// <summary>The items <c>[start, start + length)</c> as a span that may be changed in place (stores the column).</summary>
    public Span<T> Span(int start, int length)
    {
        if (items is null)
            Store();
        return items.AsSpan(start, length);
    }

    /// <summary>Copies the items <c>[start, start + destination.Length)</c> to <paramref name="destination"/>.</summary>
    public readonly void CopyTo(int start, Span<T> destination)
    {
        if (items is not null)
            items.AsSpan(start, destination.Length).CopyTo(destination);
        else if (codes is not null)
            for (var i = 0; i < destination.Length; i++)
                destination[i] = palette![codes[start + i]];
        else
            destination.Fill(first);
    }

    /// <summary>Removes the item at <paramref name="index"/>, moving the later ones down (nothing to move while uniform).</summary>
    public void RemoveAt(int index)
    {
        if (items is not null)
            items.AsSpan(index + 1, Count - index - 1).CopyTo(items.AsSpan(index));
        else if (codes is not null)
            codes.AsSpan(index + 1, Count - index - 1).CopyTo(codes.AsSpan(index));
        Count--;
    }

    /// <summary>Forgets the items from <paramref name="count"/> on.</summary>
    public void Truncate(int count) => Count = count;

    /// <summary>
    /// The column written: uniform when its items are all equal; otherwise the smallest of a base and exceptions (at
    /// most a quarter of the items differing from the most frequent), palette codes (when still coded) and the array,
    /// an array more than half empty (consolidation dropped items) copied down to size rather than hold the space. The
    /// writer must not be used afterwards.
    /// </summary>
    public readonly Column<T> ToColumn()
    {
        if (items is null && codes is null)
            return Column<T>.Uniform(Count == 0 ? default! : first, Count);
        if (items is null)
            return CodedColumn();
        // Items that differed may have been consolidated away since the column was stored: look again.
        if (!TraceLayout.Explicit && AllEqual(items.AsSpan(0, Count)))
            return Column<T>.Uniform(items[0], Count);
        if (!TraceLayout.Explicit && BaseAndExceptions<T>.TryEncode<TEquality>(items.AsSpan(0, Count)) is { } sparse)
            return Column<T>.Encoded(sparse, Count);
        return Column<T>.Stored(Count < items.Length / 2 ? items[..Count] : items, Count);
    }

    /// <summary>
    /// The coded items as the smallest column they make, with each distinct value once in the palette and only those
    /// still in use (consolidation may have removed every item of an entry, and two entries may hold equal values
    /// whose bytes differ).
    /// </summary>
    private readonly Column<T> CodedColumn()
    {
        var written = codes.AsSpan(0, Count);
        Span<int> uses = stackalloc int[PaletteCodes<T>.MaxPalette];
        foreach (var code in written)
            uses[code]++;
        // The entry each code stands for: the first used entry equal to it.
        Span<byte> canonical = stackalloc byte[PaletteCodes<T>.MaxPalette];
        var duplicates = false;
        for (var c = 0; c < paletteCount; c++)
        {
            canonical[c] = (byte)c;
            if (uses[c] == 0)
                continue;
            for (var e = 0; e < c; e++)
            {
                if (uses[e] > 0 && canonical[e] == e && default(TEquality).Equal(palette![e], palette[c]))
                {
                    canonical[c] = (byte)e;
                    uses[e] += uses[c];
                    uses[c] = 0;
                    duplicates = true;
                    break;
                }
            }
        }
        int distinct = 0, most = -1;
        for (var c = 0; c < paletteCount; c++)
        {
            if (uses[c] == 0)
                continue;
            distinct++;
            if (most < 0 || uses[c] > uses[most])
                most = c;
        }
        if (distinct <= 1)
            return Column<T>.Uniform(distinct == 0 ? default! : palette![most], Count);
        var exceptions = Count - uses[most];
        var codedBytes = PaletteCodes<T>.BytesFor(Count, distinct);
        if (BaseAndExceptions<T>.Admits(Count, exceptions) && BaseAndExceptions<T>.BytesFor(Count, exceptions) <= codedBytes)
            return Column<T>.Encoded(BaseAndExceptions<T>.FromCodes(written, canonical, palette, (byte)most, exceptions), Count);
        if (codedBytes >= (long)Count * Unsafe.SizeOf<T>())
        {
            var stored = new T[Count];
            CopyTo(0, stored);
            return Column<T>.Stored(stored, Count);
        }
        var used = new T[distinct];
        Span<byte> renumber = stackalloc byte[PaletteCodes<T>.MaxPalette];
        for (int c = 0, next = 0; c < paletteCount; c++)
        {
            if (uses[c] == 0)
                continue;
            used[next] = palette![c];
            renumber[c] = (byte)next++;
        }
        // Codes are a byte per item: copying them down to size costs less than holding the consolidated slack.
        if (distinct == paletteCount && codes!.Length == Count)
            return Column<T>.Encoded(new PaletteCodes<T>(used, codes), Count);
        var kept = new byte[Count];
        for (var i = 0; i < Count; i++)
            kept[i] = renumber[duplicates ? canonical[written[i]] : written[i]];
        return Column<T>.Encoded(new PaletteCodes<T>(used, kept), Count);
    }

    private static bool AllEqual(ReadOnlySpan<T> items)
    {
        for (var i = 1; i < items.Length; i++)
            if (!default(TEquality).Equal(items[0], items[i]))
                return false;
        return items.Length > 0;
    }

    /// <summary>Leaves the uniform items written so far: coded when the column may be, else stored.</summary>
    private void Diverge()
    {
        if (!PaletteCodes<T>.Applies || capacity < (TraceLayout.CodedAlways ? 2 : PaletteCodes<T>.MinItems))
        {
            Store();
            return;
        }
        palette = new T[16];
        // The codes grow to the capacity as items come: a column of many values leaves the palette early, and should
        // not have allocated a code for every item it might have had.
        codes = new byte[Math.Min(capacity, Math.Max(InitialCodes, 2 * Count))];
        slots = new short[SlotCount];
        paletteCount = 0;
        TryCode(first, out _);
    }

    /// <summary>The code of <paramref name="item"/>, given a new palette entry if it has none; false when the palette is full.</summary>
    private bool TryCode(T item, out byte code)
    {
        if (paletteCount > 0 && default(TEquality).Equal(palette![lastCode], item))
        {
            code = lastCode;
            return true;
        }
        var slot = Hash(item) & (SlotCount - 1);
        while (true)
        {
            var entry = slots![slot];
            if (entry == 0)
                break;
            if (default(TEquality).Equal(palette![entry - 1], item))
            {
                code = lastCode = (byte)(entry - 1);
                return true;
            }
            slot = (slot + 1) & (SlotCount - 1);
        }
        if (paletteCount == PaletteCodes<T>.MaxPalette)
        {
            code = 0;
            return false;
        }
        if (paletteCount == palette!.Length)
            Array.Resize(ref palette, palette.Length * 2);
        palette[paletteCount] = item;
        slots[slot] = (short)(paletteCount + 1);
        code = lastCode = (byte)paletteCount++;
        return true;
    }

    /// <summary>
    /// A hash of the item: by its own equality where it has one, else of its bytes (plain data only). Items equal by
    /// <typeparamref name="TEquality"/> with different hashes get two entries, which costs a palette entry while
    /// writing and changes no item read; <see cref="ToColumn"/> keeps one.
    /// </summary>
    private static int Hash(T item)
    {
        if (Equatable)
            return (int)(((uint)EqualityComparer<T>.Default.GetHashCode(item!) * 0x9E3779B1u) >> 8);
        var bytes = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, byte>(ref item), Unsafe.SizeOf<T>());
        ulong hash = 0x9E3779B97F4A7C15;
        while (bytes.Length >= 8)
        {
            hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes)) * 0xBF58476D1CE4E5B9;
            bytes = bytes[8..];
        }
        foreach (var b in bytes)
            hash = (hash ^ b) * 0x94D049BB133111EB;
        return (int)(hash >> 40);
    }

    /// <summary>Allocates the worst-case array and fills it with the items written so far (uniform or coded).</summary>
    private void Store()
    {
        var stored = GC.AllocateUninitializedArray<T>(capacity);
        CopyTo(0, stored.AsSpan(0, Count));
        items = stored;
        palette = null;
        codes = null;
        slots = null;
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
