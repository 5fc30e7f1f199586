using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;

namespace AkkaDifferential.Cluster.Wire.Columns;

/// <summary>
/// A column of strings: a tag (UTF-8, or UTF-16 for a column holding a lone surrogate, which UTF-8 cannot carry),
/// the byte length of each string (−1 for null) as 4-byte integers, then all their bytes in one block. Writing
/// encodes straight into the frame; reading allocates each string once, as its record needs.
/// </summary>
internal sealed class StringColumn : ColumnCodec<string>
{
    private const byte Utf8Tag = 0;
    private const byte Utf16Tag = 1;

    /// <inheritdoc/>
    public override void Write(WireWriter writer, ReadOnlySpan<string> items)
    {
        var start = writer.Length;
        if (!TryWriteUtf8(writer, items))
        {
            writer.Truncate(writer.Length - start);
            WriteUtf16(writer, items);
        }
    }

    /// <inheritdoc/>
    public override void Read(ref WireReader reader, Span<string> into)
    {
        var utf16 = reader.ReadByte() switch
        {
            Utf8Tag => false,
            Utf16Tag => true,
            var other => throw reader.Malformed($"a string column's tag (0 or 1), not {other}"),
        };
        var lengths = reader.Take(into.Length * 4);
        for (var i = 0; i < into.Length; i++)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(lengths[(4 * i)..]);
            if (length == -1)
            {
                into[i] = null!;
                continue;
            }
            if (length < 0 || (utf16 && length % 2 != 0))
                throw reader.Malformed($"a string length, not {length}");
            var bytes = reader.Take(length);
            into[i] = utf16 ? new string(MemoryMarshal.Cast<byte, char>(bytes)) : Encoding.UTF8.GetString(bytes);
        }
    }

    private static bool TryWriteUtf8(WireWriter writer, ReadOnlySpan<string> items)
    {
        writer.WriteByte(Utf8Tag);
        var lengthsAt = writer.Length;
        writer.Append(items.Length * 4);
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            var length = -1;
            if (item is not null)
            {
                var room = writer.Append(Encoding.UTF8.GetMaxByteCount(item.Length));
                if (Utf8.FromUtf16(item, room, out _, out length, replaceInvalidSequences: false) != OperationStatus.Done)
                    return false;
                writer.Truncate(room.Length - length);
            }
            BinaryPrimitives.WriteInt32LittleEndian(writer.At(lengthsAt + 4 * i, 4), length);
        }
        return true;
    }

    private static void WriteUtf16(WireWriter writer, ReadOnlySpan<string> items)
    {
        writer.WriteByte(Utf16Tag);
        var lengths = writer.Append(items.Length * 4);
        for (var i = 0; i < items.Length; i++)
            BinaryPrimitives.WriteInt32LittleEndian(lengths[(4 * i)..], items[i] is { } item ? item.Length * 2 : -1);
        foreach (var item in items)
            if (item is not null)
                MemoryMarshal.AsBytes(item.AsSpan()).CopyTo(writer.Append(item.Length * 2));
    }
}
