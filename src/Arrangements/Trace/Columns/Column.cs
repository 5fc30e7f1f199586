using System.Runtime.CompilerServices;

namespace AkkaDifferential.Arrangements.Trace.Columns;

/// <summary>
/// One column of a batch, read by index: stored (an array, of which the first <see cref="Length"/> items are data),
/// <em>uniform</em> (every item the same value, stored once), a base value with exceptions
/// (<see cref="BaseAndExceptions{T}"/>: a bit per item), or palette codes (<see cref="PaletteCodes{T}"/>: few
/// distinct values, a byte per item). Uniform is how a batch keeps a difference column of all
/// <c>+1</c>, the one time of a single-time batch, or the <see cref="Unit"/> values of a key-only arrangement in a
/// few bytes whatever its length; base and exceptions how a merged batch keeps its settled history; palette codes
/// how it keeps the times of a few iterations and rounds, or a few small multiplicities. Which one a
/// column is depends on the data it was written with (<see cref="ColumnWriter{T, TEquality}"/>); readers see no
/// difference.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal readonly struct Column<T>
{
    private readonly T[]? items;
    private readonly EncodedItems<T>? encoded;
    private readonly T single;

    private Column(T[]? items, EncodedItems<T>? encoded, T single, int length)
    {
        this.items = items;
        this.encoded = encoded;
        this.single = single;
        Length = length;
    }

    /// <summary>The number of items.</summary>
    public int Length { get; }

    /// <summary>True when every item is one value, stored once.</summary>
    public bool IsUniform => items is null && encoded is null;

    /// <summary>True when the items are a base value and exceptions.</summary>
    public bool IsBaseAndExceptions => encoded is BaseAndExceptions<T>;

    /// <summary>True when the items are palette codes.</summary>
    public bool IsPaletteCoded => encoded is PaletteCodes<T>;

    /// <summary>The item at <paramref name="index"/> (which the caller keeps below <see cref="Length"/>).</summary>
    public T this[int index] => items is not null ? items[index] : encoded is null ? single : encoded[index];

    /// <summary>The bytes the column's items take (its array's length times the item size; one item when uniform).</summary>
    public long StoredBytes => encoded?.StoredBytes ?? (long)(items?.Length ?? 1) * Unsafe.SizeOf<T>();

    /// <summary>A column of the first <paramref name="length"/> items of <paramref name="items"/>, which it now owns.</summary>
    public static Column<T> Stored(T[] items, int length) => new(items, null, default!, length);

    /// <summary>A column of <paramref name="length"/> copies of <paramref name="value"/>.</summary>
    public static Column<T> Uniform(T value, int length) => new(null, null, value, length);

    /// <summary>A column of <paramref name="length"/> items kept in an encoded form (a base and exceptions, palette codes).</summary>
    public static Column<T> Encoded(EncodedItems<T> items, int length) => new(null, items, default!, length);

    /// <summary>
    /// The distinct kinds of item to look at when every item must be: all of them when stored, the one when uniform,
    /// the base and the exceptions, or the palette, otherwise.
    /// </summary>
    public ReadOnlySpan<T> Distinct => items is not null ? items.AsSpan(0, Length)
        : encoded is null ? (Length == 0 ? default : new[] { single })
        : encoded.Distinct;

    /// <summary>Copies the items <c>[start, start + count)</c> to <paramref name="destination"/>.</summary>
    public void CopyTo(int start, int count, Span<T> destination)
    {
        if (items is not null)
            items.AsSpan(start, count).CopyTo(destination);
        else if (encoded is null)
            destination[..count].Fill(single);
        else
            encoded.CopyTo(start, destination[..count]);
    }

    /// <summary>
    /// The first index in <c>[from, end)</c> whose item is ≥ <paramref name="target"/> in <see cref="DataOrder{T}"/>,
    /// or <paramref name="end"/>, for a range sorted in that order; gallops from <paramref name="from"/>.
    /// </summary>
    public int LowerBound(int from, int end, T target)
    {
        if (items is not null)
            return SortedColumns.LowerBound(items.AsSpan(0, end), target, from);
        if (encoded is null)
            return from >= end || DataOrder<T>.Compare(single, target) >= 0 ? from : end;
        // Binary search over [from, end): the first item ≥ target.
        while (from < end)
        {
            var mid = from + ((end - from) >> 1);
            if (DataOrder<T>.Compare(encoded[mid], target) < 0)
                from = mid + 1;
            else
                end = mid;
        }
        return from;
    }

    /// <summary>The column with each item mapped by <paramref name="map"/> (once, when uniform).</summary>
    public Column<TNew> Select<TNew>(Func<T, TNew> map)
    {
        if (encoded is not null)
            return Column<TNew>.Encoded(encoded.Select(map), Length);
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
