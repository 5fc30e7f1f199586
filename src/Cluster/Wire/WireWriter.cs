using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace AkkaDifferential.Cluster.Wire;

/// <summary>
/// The buffer a serializer writes one message into: little-endian fixed-width numbers, variable-length integers
/// (LEB128, zigzag for signed values), length-prefixed UTF-8 strings and raw column bytes. One writer per thread is
/// kept and reused (<see cref="Rent"/>), so that serializing a batch allocates only the exact-size array Akka takes
/// (<see cref="ToArray"/>); a nested serialization on the same thread gets a writer of its own.
/// </summary>
internal sealed class WireWriter
{
    /// <summary>A buffer grown beyond this is not kept for the next message (a rare huge batch does not pin memory).</summary>
    private const int MaxKept = 4 << 20;

    [ThreadStatic]
    private static WireWriter? cached;

    private byte[] buffer = new byte[4096];

    /// <summary>The number of bytes written.</summary>
    public int Length { get; private set; }

    /// <summary>This thread's writer, empty; hand it back with <see cref="Return"/>.</summary>
    public static WireWriter Rent()
    {
        var writer = cached ?? new WireWriter();
        cached = null;
        writer.Length = 0;
        return writer;
    }

    /// <summary>Keeps the writer for this thread's next message.</summary>
    public void Return()
    {
        if (buffer.Length <= MaxKept)
            cached = this;
    }

    /// <summary>The bytes written, as an array of exactly their length.</summary>
    public byte[] ToArray() => buffer.AsSpan(0, Length).ToArray();

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> Written => buffer.AsSpan(0, Length);

    /// <summary>Room for <paramref name="size"/> bytes at the end, counted as written.</summary>
    public Span<byte> Append(int size)
    {
        Ensure(size);
        var span = buffer.AsSpan(Length, size);
        Length += size;
        return span;
    }

    /// <summary>Takes back the last <paramref name="count"/> bytes appended (room that was not used).</summary>
    public void Truncate(int count) => Length -= count;

    /// <summary>The <paramref name="size"/> bytes at <paramref name="offset"/>, already appended, to fill in later.</summary>
    public Span<byte> At(int offset, int size) => buffer.AsSpan(offset, size);

    /// <summary>One byte.</summary>
    public void WriteByte(byte value) => Append(1)[0] = value;

    /// <summary>A non-negative integer in 1 to 10 bytes (LEB128).</summary>
    public void WriteVarUInt(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            buffer[Length++] = (byte)(value | 0x80);
            value >>= 7;
        }
        buffer[Length++] = (byte)value;
    }

    /// <summary>A signed integer, zigzag-encoded so that small magnitudes take few bytes.</summary>
    public void WriteVarInt(long value) => WriteVarUInt((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>A count or index, never negative.</summary>
    public void WriteCount(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        WriteVarUInt((ulong)value);
    }

    /// <summary>Eight bytes, little-endian.</summary>
    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Append(8), value);

    /// <summary>A boolean as one byte.</summary>
    public void WriteBool(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    /// <summary>Sixteen bytes.</summary>
    public void WriteGuid(Guid value) => value.TryWriteBytes(Append(16));

    /// <summary>
    /// A string or null: a header (0 for null, else one more than twice the byte length, plus one for UTF-16), then
    /// its bytes as UTF-8, or as UTF-16 when it holds a lone surrogate, which UTF-8 cannot carry, so that every
    /// string comes back equal.
    /// </summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteByte(0);
            return;
        }
        // Encoded after a header of the largest size it can need, which is then moved down if smaller.
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var headerAt = Length;
        var room = 1 + VarUIntSize(2UL * (ulong)max + 2);
        Append(Math.Max(room + max, 10));
        var body = At(headerAt + room, max);
        var utf16 = Utf8.FromUtf16(value, body, out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done;
        if (utf16)
        {
            written = value.Length * 2;
            MemoryMarshal.AsBytes(value.AsSpan()).CopyTo(body);
        }
        Length = headerAt;
        WriteVarUInt(2UL * (ulong)written + (utf16 ? 2UL : 1UL));
        if (Length != headerAt + room)
            buffer.AsSpan(headerAt + room, written).CopyTo(buffer.AsSpan(Length));
        Length += written;
    }

    /// <summary>The bytes <see cref="WriteVarUInt"/> takes for <paramref name="value"/>.</summary>
    public static int VarUIntSize(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }
        return size;
    }

    /// <summary>Length-prefixed bytes.</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        WriteCount(bytes.Length);
        bytes.CopyTo(Append(bytes.Length));
    }

    /// <summary>The raw little-endian bytes of <paramref name="items"/>, without a length (the reader knows it).</summary>
    public void WriteRaw<T>(ReadOnlySpan<T> items) where T : unmanaged => MemoryMarshal.AsBytes(items).CopyTo(Append(items.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>()));

    /// <summary>A stream that appends to this writer, for serializers that write to streams (Hyperion).</summary>
    public Stream AsStream() => new AppendStream(this);

    private void Ensure(int size)
    {
        if (buffer.Length - Length >= size)
            return;
        var grown = new byte[Math.Max(buffer.Length * 2, Length + size)];
        buffer.AsSpan(0, Length).CopyTo(grown);
        buffer = grown;
    }

    /// <summary>A write-only stream over the writer.</summary>
    private sealed class AppendStream(WireWriter writer) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => writer.Length;

        public override long Position
        {
            get => writer.Length;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] bytes, int offset, int count) => Write(bytes.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> bytes) => bytes.CopyTo(writer.Append(bytes.Length));

        public override void WriteByte(byte value) => writer.WriteByte(value);

        public override void Flush()
        {
        }

        public override int Read(byte[] bytes, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
