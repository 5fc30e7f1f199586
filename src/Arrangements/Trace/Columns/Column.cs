using System.Runtime.CompilerServices;

namespace AkkaDifferential.Arrangements.Trace.Columns;

/// <summary>
/// One column of a batch, read by index: either stored (an array, of which the first <see cref="Length"/> items are
/// data) or <em>uniform</em>, every item the same value stored once. Uniform is how a batch keeps a difference column
/// of all <c>+1</c>, the one time of a single-time batch, or the <see cref="Unit"/> values of a key-only arrangement
/// in a few bytes whatever its length. Which one a column is depends on the data it was written with
/// (<see cref="ColumnWriter{T, TEquality}"/>); readers see no difference.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal readonly struct Column<T>
{
    private readonly T[]? items;
    private readonly T single;

    private Column(T[]? items, T single, int length)
    {
        this.items = items;
        this.single = single;
        Length = length;
    }

    /// <summary>The number of items.</summary>
    public int Length { get; }

    /// <summary>True when every item is one value, stored once.</summary>
    public bool IsUniform => items is null;

    /// <summary>The item at <paramref name="index"/> (which the caller keeps below <see cref="Length"/>).</summary>
    public T this[int index] => items is null ? single : items[index];

    /// <summary>The bytes the column's items take (its array's length times the item size; one item when uniform).</summary>
    public long StoredBytes => (long)(items?.Length ?? 1) * Unsafe.SizeOf<T>();

    /// <summary>A column of the first <paramref name="length"/> items of <paramref name="items"/>, which it now owns.</summary>
    public static Column<T> Stored(T[] items, int length) => new(items, default!, length);

    /// <summary>A column of <paramref name="length"/> copies of <paramref name="value"/>.</summary>
    public static Column<T> Uniform(T value, int length) => new(null, value, length);

    /// <summary>The stored items as a span, or an empty span when the column is uniform.</summary>
    public ReadOnlySpan<T> StoredSpan => items is null ? default : items.AsSpan(0, Length);

    /// <summary>Copies the items <c>[start, start + count)</c> to <paramref name="destination"/>.</summary>
    public void CopyTo(int start, int count, Span<T> destination)
    {
        if (items is null)
            destination[..count].Fill(single);
        else
            items.AsSpan(start, count).CopyTo(destination);
    }

    /// <summary>
    /// The first index in <c>[from, end)</c> whose item is ≥ <paramref name="target"/> in <see cref="DataOrder{T}"/>,
    /// or <paramref name="end"/>, for a range sorted in that order; gallops from <paramref name="from"/>.
    /// </summary>
    public int LowerBound(int from, int end, T target)
    {
        if (items is not null)
            return SortedColumns.LowerBound(items.AsSpan(0, end), target, from);
        return from >= end || DataOrder<T>.Compare(single, target) >= 0 ? from : end;
    }

    /// <summary>The column with each item mapped by <paramref name="map"/> (once, when uniform).</summary>
    public Column<TNew> Select<TNew>(Func<T, TNew> map)
    {
        if (items is null)
            return Column<TNew>.Uniform(map(single), Length);
        var mapped = new TNew[Length];
        for (var i = 0; i < mapped.Length; i++)
            mapped[i] = map(items[i]);
        return Column<TNew>.Stored(mapped, Length);
    }

    /// <summary>The items in a new array.</summary>
    public T[] ToArray()
    {
        var result = new T[Length];
        CopyTo(0, Length, result);
        return result;
    }
}
