using System.Runtime.CompilerServices;

namespace AkkaDifferential.Arrangements.Trace.Columns;

/// <summary>
/// The items of a column that take few distinct values: each distinct value once, in a <em>palette</em> of at most
/// <see cref="MaxPalette"/>, and a byte per item naming its entry (dictionary encoding). Times in a batch of an
/// iterative scope are a few iterations of a few rounds, and differences a few small multiplicities, so a time of
/// 16 bytes or a difference of 8 becomes one byte. Written by <see cref="ColumnWriter{T, TEquality}"/> as the items
/// arrive, so that a merge never holds the column's worst-case array while its items stay within the palette.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class PaletteCodes<T> : EncodedItems<T>
{
    /// <summary>The most distinct values a palette holds: one byte's worth of codes.</summary>
    public const int MaxPalette = 256;

    /// <summary>
    /// The fewest items a writer codes: below it an array of the items costs little more than the palette and the
    /// table that finds entries while writing.
    /// </summary>
    public const int MinItems = 1024;

    private readonly T[] palette;
    private readonly byte[] codes;

    /// <summary>Items <c>palette[codes[i]]</c>; every palette entry is used at least once.</summary>
    public PaletteCodes(T[] palette, byte[] codes)
    {
        this.palette = palette;
        this.codes = codes;
    }

    /// <summary>True when items of <typeparamref name="T"/> are coded at all: plain data (no references) wider than the byte a code takes.</summary>
    public static bool Applies => !RuntimeHelpers.IsReferenceOrContainsReferences<T>() && Unsafe.SizeOf<T>() > 1;

    /// <summary>The bytes a coded column of <paramref name="items"/> items and <paramref name="distinct"/> values takes.</summary>
    public static long BytesFor(int items, int distinct) => items + (long)distinct * Unsafe.SizeOf<T>();

    /// <inheritdoc/>
    public override T this[int index] => palette[codes[index]];

    /// <inheritdoc/>
    public override long StoredBytes => codes.Length + (long)palette.Length * Unsafe.SizeOf<T>();

    /// <inheritdoc/>
    public override ReadOnlySpan<T> Distinct => palette;

    /// <inheritdoc/>
    public override void CopyTo(int start, Span<T> destination)
    {
        var source = codes.AsSpan(start, destination.Length);
        for (var i = 0; i < source.Length; i++)
            destination[i] = palette[source[i]];
    }

    /// <inheritdoc/>
    public override EncodedItems<TNew> Select<TNew>(Func<T, TNew> map)
    {
        var mapped = new TNew[palette.Length];
        for (var i = 0; i < mapped.Length; i++)
            mapped[i] = map(palette[i]);
        return new PaletteCodes<TNew>(mapped, codes);
    }
}
