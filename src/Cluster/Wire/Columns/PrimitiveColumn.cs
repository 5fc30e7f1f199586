using System.Runtime.InteropServices;

namespace AkkaDifferential.Cluster.Wire.Columns;

/// <summary>
/// A column of a primitive type (integers, floating point, <c>bool</c>, <c>char</c>, <c>Guid</c>, <c>DateTime</c>,
/// <c>TimeSpan</c>, <c>decimal</c>): a tag byte, then either one value, when every item is equal (the +1 differences
/// of insertions, the one time of most batches), or the items' raw little-endian bytes.
/// </summary>
internal sealed class PrimitiveColumn<T> : ColumnCodec<T> where T : unmanaged
{
    private const byte Raw = 0;
    private const byte Constant = 1;

    /// <inheritdoc/>
    public override void Write(WireWriter writer, ReadOnlySpan<T> items)
    {
        // Every item equals the first when the column shifted by one equals itself.
        if (items.Length > 1 && MemoryMarshal.AsBytes(items[1..]).SequenceEqual(MemoryMarshal.AsBytes(items[..^1])))
        {
            writer.WriteByte(Constant);
            writer.WriteRaw(items[..1]);
            return;
        }
        writer.WriteByte(Raw);
        writer.WriteRaw(items);
    }

    /// <inheritdoc/>
    public override void Read(ref WireReader reader, Span<T> into)
    {
        switch (reader.ReadByte())
        {
            case Raw:
                reader.ReadRaw(into);
                break;
            case Constant:
                Span<T> one = stackalloc T[1];
                reader.ReadRaw(one);
                into.Fill(one[0]);
                break;
            default:
                throw reader.Malformed($"a column of {typeof(T).Name} (tag 0 or 1)");
        }
    }
}
