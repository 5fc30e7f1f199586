namespace AkkaDifferential.Arrangements.Trace.Columns;

/// <summary>
/// The offsets of one level of a batch into the next: entry <c>i</c> is where item <c>i</c>'s children start, and
/// entry <c>i + 1</c> where they end, so there are <see cref="Length"/> = items + 1 entries starting at 0. Stored
/// as 32-bit integers (a batch holds fewer than 2³¹ updates), or <em>implicit</em> when every item has exactly one
/// child, entry <c>i</c> being <c>i</c>: a key-only batch's keys each have the one value <see cref="Unit"/>, and
/// the values of a batch loaded at one time have one update each, so neither level needs offsets.
/// </summary>
internal readonly struct OffsetColumn
{
    private readonly int[]? offsets;

    private OffsetColumn(int[]? offsets, int length)
    {
        this.offsets = offsets;
        Length = length;
    }

    /// <summary>The number of entries: one more than the items they delimit.</summary>
    public int Length { get; }

    /// <summary>True when entry <c>i</c> is <c>i</c> and nothing is stored.</summary>
    public bool IsImplicit => offsets is null;

    /// <summary>The entry at <paramref name="index"/> (which the caller keeps below <see cref="Length"/>).</summary>
    public int this[int index] => offsets is null ? index : offsets[index];

    /// <summary>The bytes the stored entries take (none when implicit).</summary>
    public long StoredBytes => (long)(offsets?.Length ?? 0) * sizeof(int);

    /// <summary>Offsets stored in the first <paramref name="length"/> entries of <paramref name="offsets"/>, which it now owns.</summary>
    public static OffsetColumn Stored(int[] offsets, int length) => new(offsets, length);

    /// <summary>The implicit offsets of <paramref name="items"/> items with one child each.</summary>
    public static OffsetColumn Implicit(int items) => new(null, items + 1);

    /// <summary>The entries in a new array.</summary>
    public int[] ToArray()
    {
        var result = new int[Length];
        for (var i = 0; i < result.Length; i++)
            result[i] = this[i];
        return result;
    }
}
