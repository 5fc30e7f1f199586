namespace AkkaDifferential.Cluster.Wire.Columns;

/// <summary>
/// How a column of <typeparamref name="T"/> — the records, times or differences of a batch — is written: as a whole,
/// never an item at a time through an object. Primitive items are copied as raw bytes, strings as one block of UTF-8,
/// tuples and product times as one column per field, and other types through Hyperion, one call per column.
/// </summary>
internal abstract class ColumnCodec<T>
{
    /// <summary>Writes <paramref name="items"/>; the reader is told their number separately.</summary>
    public abstract void Write(WireWriter writer, ReadOnlySpan<T> items);

    /// <summary>Reads as many items as <paramref name="into"/> holds.</summary>
    public abstract void Read(ref WireReader reader, Span<T> into);
}
