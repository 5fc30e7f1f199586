using System.Buffers.Binary;

namespace AkkaDifferential.Cluster.Wire.Columns;

/// <summary>
/// A column of a user's record type that has no column of its own (classes, records, structs): the items as one
/// exact-size array through Hyperion — one call per column, never one per record — prefixed by its byte length.
/// </summary>
internal sealed class RecordColumn<T>(RecordSerializer records) : ColumnCodec<T>
{
    /// <inheritdoc/>
    public override void Write(WireWriter writer, ReadOnlySpan<T> items)
    {
        var lengthAt = writer.Length;
        writer.Append(4);
        records.Serialize(items.ToArray(), writer);
        BinaryPrimitives.WriteInt32LittleEndian(writer.At(lengthAt, 4), writer.Length - lengthAt - 4);
    }

    /// <inheritdoc/>
    public override void Read(ref WireReader reader, Span<T> into)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(reader.Take(4));
        if (length < 0 || length > reader.Remaining)
            throw reader.Malformed($"a column of {typeof(T)} of at most {reader.Remaining} bytes, not {length}");
        using var stream = reader.TakeStream(length);
        if (records.Deserialize(stream) is not T[] items || items.Length != into.Length)
            throw reader.Malformed($"a column of {into.Length} items of {typeof(T)}");
        items.CopyTo(into);
    }
}
