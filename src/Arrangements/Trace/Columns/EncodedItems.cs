namespace AkkaDifferential.Arrangements.Trace.Columns;

/// <summary>
/// The items of a column kept in a form other than an array of them: <see cref="BaseAndExceptions{T}"/> (mostly one
/// value) or <see cref="PaletteCodes{T}"/> (few distinct values). Read by index, as the array would be.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal abstract class EncodedItems<T>
{
    /// <summary>The item at <paramref name="index"/>.</summary>
    public abstract T this[int index] { get; }

    /// <summary>The bytes the items take in this form.</summary>
    public abstract long StoredBytes { get; }

    /// <summary>Every distinct item at least once, and no item that is not in the column.</summary>
    public abstract ReadOnlySpan<T> Distinct { get; }

    /// <summary>Copies the items <c>[start, start + destination.Length)</c> to <paramref name="destination"/>.</summary>
    public abstract void CopyTo(int start, Span<T> destination);

    /// <summary>The same form with every item mapped by <paramref name="map"/>, applied once per distinct stored item.</summary>
    public abstract EncodedItems<TNew> Select<TNew>(Func<T, TNew> map);
}
