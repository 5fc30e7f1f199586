using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Serialization;
using System.Text;

namespace AkkaDifferential.Cluster.Wire;

/// <summary>
/// Reads what a <see cref="WireWriter"/> wrote, from the front of a frame. A frame that ends early or holds a value
/// out of range is refused with a <see cref="SerializationException"/> that says where, never read past.
/// </summary>
internal ref struct WireReader
{
    private readonly byte[] frame;
    private int position;

    /// <summary>A reader at the start of <paramref name="frame"/>.</summary>
    public WireReader(byte[] frame) => this.frame = frame;

    /// <summary>How many bytes have been read.</summary>
    public readonly int Position => position;

    /// <summary>The bytes read since <paramref name="start"/> (a <see cref="Position"/>).</summary>
    public readonly ReadOnlySpan<byte> ReadSince(int start) => frame.AsSpan(start, position - start);

    /// <summary>The bytes not read yet.</summary>
    public readonly int Remaining => frame.Length - position;

    /// <summary>The next <paramref name="size"/> bytes.</summary>
    public ReadOnlySpan<byte> Take(int size)
    {
        if (size < 0 || size > Remaining)
            throw Malformed($"{size} more bytes");
        var span = frame.AsSpan(position, size);
        position += size;
        return span;
    }

    /// <summary>A stream over the next <paramref name="size"/> bytes, for serializers that read streams (Hyperion).</summary>
    public Stream TakeStream(int size)
    {
        if (size < 0 || size > Remaining)
            throw Malformed($"{size} more bytes");
        var stream = new MemoryStream(frame, position, size, writable: false);
        position += size;
        return stream;
    }

    /// <summary>One byte.</summary>
    public byte ReadByte() => Take(1)[0];

    /// <summary>The next byte, not read yet.</summary>
    public readonly byte PeekByte() => Remaining > 0 ? frame[position] : throw Malformed("one more byte");

    /// <summary>A non-negative integer (LEB128).</summary>
    public ulong ReadVarUInt()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadByte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return value;
        }
        throw Malformed("a variable-length integer of at most 10 bytes");
    }

    /// <summary>A zigzag-encoded signed integer.</summary>
    public long ReadVarInt()
    {
        var raw = ReadVarUInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>A count or index: at most <paramref name="max"/>.</summary>
    public int ReadCount(int max = int.MaxValue)
    {
        var value = ReadVarUInt();
        if (value > (ulong)max)
            throw Malformed($"a count of at most {max}, not {value}");
        return (int)value;
    }

    /// <summary>Eight bytes, little-endian.</summary>
    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    /// <summary>A boolean.</summary>
    public bool ReadBool() => ReadByte() switch
    {
        0 => false,
        1 => true,
        var other => throw Malformed($"a boolean (0 or 1), not {other}"),
    };

    /// <summary>Sixteen bytes.</summary>
    public Guid ReadGuid() => new(Take(16));

    /// <summary>A string or null, as <see cref="WireWriter.WriteString"/> wrote it.</summary>
    public string? ReadString()
    {
        var header = ReadVarUInt();
        if (header == 0)
            return null;
        var length = (header - 1) >> 1;
        if (length > (ulong)Remaining)
            throw Malformed($"a string of {length} bytes");
        var bytes = Take((int)length);
        if ((header & 1) == 1)
            return Encoding.UTF8.GetString(bytes);
        if (bytes.Length % 2 != 0)
            throw Malformed($"a UTF-16 string of an even number of bytes, not {bytes.Length}");
        return new string(MemoryMarshal.Cast<byte, char>(bytes));
    }

    /// <summary>A string that may not be null.</summary>
    public string ReadRequiredString(string what) => ReadString() ?? throw Malformed($"{what}, not null");

    /// <summary>Length-prefixed bytes.</summary>
    public ReadOnlySpan<byte> ReadBytes() => Take(ReadCount(Remaining));

    /// <summary>Fills <paramref name="into"/> with raw little-endian items.</summary>
    public void ReadRaw<T>(scoped Span<T> into) where T : unmanaged => Take(into.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>()).CopyTo(MemoryMarshal.AsBytes(into));

    /// <summary>The frame is malformed: <paramref name="expected"/> was expected where the reader stands.</summary>
    public readonly SerializationException Malformed(string expected) =>
        new($"Malformed frame: expected {expected} at byte {position} of {frame.Length}.");

    /// <summary>Refuses bytes left over after the message: the frame is not what its manifest says.</summary>
    public readonly void EnsureEnd()
    {
        if (Remaining != 0)
            throw Malformed("the end of the message");
    }
}
