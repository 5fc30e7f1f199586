using System.Numerics;
using System.Runtime.InteropServices;

namespace AkkaDifferential.Cluster.Wire.Columns;

/// <summary>
/// A column of signed integers (<c>long</c>, <c>int</c>, <c>short</c>): one value when every item is equal (the +1
/// differences of insertions, the one time of most batches); else the least item and each item's distance from it in
/// 1, 2 or 4 bytes when the column's range fits (node ids, a round's few times, differences of ±1), or the items' raw
/// little-endian bytes (a constant or raw column as a <see cref="PrimitiveColumn{T}"/>). Two passes over the items, no
/// allocation.
/// </summary>
internal sealed class IntegerColumn<T> : ColumnCodec<T> where T : unmanaged, IBinaryInteger<T>, ISignedNumber<T>
{
    private const byte Narrow = 2;

    private readonly PrimitiveColumn<T> plain = new();

    private static readonly int Size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();

    /// <inheritdoc/>
    public override void Write(WireWriter writer, ReadOnlySpan<T> items)
    {
        var min = long.MaxValue;
        var max = long.MinValue;
        foreach (var item in items)
        {
            var value = long.CreateTruncating(item);
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }
        var range = unchecked((ulong)max - (ulong)min);
        var width = range <= byte.MaxValue ? 1 : range <= ushort.MaxValue ? 2 : range <= uint.MaxValue ? 4 : 8;
        if (range == 0 || width >= Size || items.Length < 2)
        {
            plain.Write(writer, items);
            return;
        }
        writer.WriteByte(Narrow);
        writer.WriteByte((byte)width);
        writer.WriteUInt64(unchecked((ulong)min));
        var into = writer.Append(items.Length * width);
        switch (width)
        {
            case 1:
                for (var i = 0; i < items.Length; i++)
                    into[i] = (byte)Distance(items[i], min);
                break;
            case 2:
                var shorts = MemoryMarshal.Cast<byte, ushort>(into);
                for (var i = 0; i < items.Length; i++)
                    shorts[i] = (ushort)Distance(items[i], min);
                break;
            default:
                var ints = MemoryMarshal.Cast<byte, uint>(into);
                for (var i = 0; i < items.Length; i++)
                    ints[i] = (uint)Distance(items[i], min);
                break;
        }
    }

    /// <inheritdoc/>
    public override void Read(ref WireReader reader, Span<T> into)
    {
        if (reader.PeekByte() != Narrow)
        {
            plain.Read(ref reader, into);
            return;
        }
        reader.ReadByte();
        var width = reader.ReadByte();
        if (width is not (1 or 2 or 4) || width >= Size)
            throw reader.Malformed($"a width of 1, 2 or 4 bytes narrower than {typeof(T).Name}, not {width}");
        var min = (long)reader.ReadUInt64();
        var from = reader.Take(into.Length * width);
        switch (width)
        {
            case 1:
                for (var i = 0; i < into.Length; i++)
                    into[i] = T.CreateTruncating(unchecked(min + from[i]));
                break;
            case 2:
                var shorts = MemoryMarshal.Cast<byte, ushort>(from);
                for (var i = 0; i < into.Length; i++)
                    into[i] = T.CreateTruncating(unchecked(min + shorts[i]));
                break;
            default:
                var ints = MemoryMarshal.Cast<byte, uint>(from);
                for (var i = 0; i < into.Length; i++)
                    into[i] = T.CreateTruncating(unchecked(min + ints[i]));
                break;
        }
    }

    private static ulong Distance(T item, long min) => unchecked((ulong)long.CreateTruncating(item) - (ulong)min);
}
