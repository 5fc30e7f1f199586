using System.Collections.Concurrent;
using AkkaDifferential.Arrangements.Data;
using AkkaDifferential.Arrangements.Updates;
using AkkaDifferential.Cluster.Wire.Columns;

namespace AkkaDifferential.Cluster.Wire;

/// <summary>
/// The <see cref="BatchCodec"/> of every batch type a serializer has met, found by the batch's type when writing and
/// by the hash of the type descriptor that precedes its columns when reading, so that neither direction parses or
/// builds types per message. A descriptor that names a type is resolved through the member's <see cref="AllowedTypes"/>
/// once, when it is first met; one that names a type not admitted is refused every time.
/// </summary>
internal sealed class BatchCodecs(ColumnCodecs columns, AllowedTypes allowed)
{
    private readonly ConcurrentDictionary<Type, BatchCodec> byType = new();
    private readonly ConcurrentDictionary<ulong, BatchCodec> byDescriptor = new();

    /// <summary>The column codecs the batch codecs use.</summary>
    public ColumnCodecs Columns => columns;

    /// <summary>Writes <paramref name="batch"/>: its types, its count and its columns.</summary>
    public void Write(WireWriter writer, IUpdateBatch batch)
    {
        var type = batch.GetType();
        if (!byType.TryGetValue(type, out var codec))
            codec = byType.GetOrAdd(type, Create(type.GetGenericArguments()));
        codec.Descriptor.CopyTo(writer.Append(codec.Descriptor.Length));
        codec.Write(writer, batch);
    }

    /// <summary>Reads a batch written by <see cref="Write"/>.</summary>
    public IUpdateBatch Read(ref WireReader reader)
    {
        var start = reader.Position;
        WireTypes.Skip(ref reader, 3);
        var descriptor = reader.ReadSince(start);
        var hash = XxHash64.Hash(descriptor);
        if (!byDescriptor.TryGetValue(hash, out var codec) || !descriptor.SequenceEqual(codec.Descriptor))
            codec = Resolve(descriptor.ToArray(), hash);
        return codec.Read(ref reader);
    }

    private BatchCodec Resolve(byte[] descriptor, ulong hash)
    {
        var reader = new WireReader(descriptor);
        Type[] types = [WireTypes.Read(ref reader, allowed), WireTypes.Read(ref reader, allowed), WireTypes.Read(ref reader, allowed)];
        var type = typeof(UpdateBatch<,,>).MakeGenericType(types);
        var codec = byType.GetOrAdd(type, Create(types));
        byDescriptor.TryAdd(hash, codec);
        return codec;
    }

    private BatchCodec Create(Type[] types)
    {
        var writer = new WireWriter();
        foreach (var type in types)
            WireTypes.Write(writer, type);
        return (BatchCodec)Activator.CreateInstance(typeof(BatchCodec<,,>).MakeGenericType(types), columns, writer.ToArray())!;
    }
}
