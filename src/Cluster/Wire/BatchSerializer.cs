using Akka.Actor;
using AkkaDifferential.Arrangements.Updates;
using AkkaDifferential.Cluster.Wire.Columns;
using AkkaDifferential.Operators.Capture;
using AkkaDifferential.Operators.Runtime;

namespace AkkaDifferential.Cluster.Wire;

/// <summary>
/// The serializer of the data batches that cross nodes — an exchange between buckets on different members, an input
/// session's batches from the driver (<see cref="RuntimeProtocol.Deliver"/>), a capture's batches to the driver
/// (<see cref="CaptureProtocol.Captured"/>) — and of the traffic report that counts them. A delivery carries the times
/// it is counted at in progress (none for its batch's minimal times). A batch is columnar: its
/// types (<see cref="WireTypes"/>), its count, then its records, times and differences as columns without a builder's
/// unused capacity (<see cref="BatchCodec"/>). A batch from another node is read through the member's
/// <see cref="AllowedTypes"/>; writing, and reading a frame back in place (<see cref="ReadBack"/>), are not restricted.
/// Every batch written and read is counted (<see cref="TrafficCounters"/>).
/// </summary>
internal sealed class BatchSerializer : WireSerializer
{
    /// <summary>The serializer's identifier (config/wire.conf).</summary>
    public const int Id = 3101;

    private const string Deliver = "D";
    private const string Captured = "C";
    private const string GetTraffic = "G";
    private const string Traffic = "T";

    private readonly BatchCodecs closed;
    private readonly BatchCodecs open;

    /// <summary>Created by Akka from the binding in config/wire.conf.</summary>
    public BatchSerializer(ExtendedActorSystem system) : base(system)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("The wire writes primitive columns as little-endian bytes; this machine is big-endian.");
        var allowed = AllowedTypes.Of(system);
        Counters = TrafficCounters.Of(system);
        closed = new BatchCodecs(new ColumnCodecs(new RecordSerializer(system, allowed)), allowed);
        open = new BatchCodecs(new ColumnCodecs(new RecordSerializer(system)), AllowedTypes.Any);
    }

    /// <inheritdoc/>
    public override int Identifier => Id;

    /// <summary>The batches this actor system's wire carried.</summary>
    public TrafficCounters Counters { get; }

    /// <inheritdoc/>
    public override string Manifest(object o) => o switch
    {
        RuntimeProtocol.Deliver => Deliver,
        CaptureProtocol.Captured => Captured,
        TrafficReporter.GetTraffic => GetTraffic,
        WireTraffic => Traffic,
        _ => throw NotMine(o),
    };

    /// <inheritdoc/>
    protected override void Write(WireWriter writer, object message)
    {
        switch (message)
        {
            case RuntimeProtocol.Deliver deliver:
                writer.WriteCount(deliver.Operator);
                writer.WriteCount(deliver.Port);
                // No times (an empty list, which counts no message) stands for the batch's own minimal times.
                WriteFlatTimes(writer, deliver.Times ?? []);
                open.Write(writer, deliver.Batch);
                break;
            case CaptureProtocol.Captured captured:
                writer.WriteGuid(captured.Incarnation);
                writer.WriteCount(captured.Bucket);
                open.Write(writer, captured.Batch);
                break;
            case TrafficReporter.GetTraffic:
                break;
            case WireTraffic traffic:
                WriteCount(writer, traffic.Sent);
                WriteCount(writer, traffic.Received);
                WriteCount(writer, traffic.Local);
                break;
            default:
                throw NotMine(message);
        }
    }

    /// <inheritdoc/>
    protected override object Read(ref WireReader reader, string manifest)
    {
        switch (manifest)
        {
            case Deliver:
                var op = reader.ReadCount();
                var port = reader.ReadCount();
                var times = ReadFlatTimes(ref reader);
                return new RuntimeProtocol.Deliver(op, port, Batches.Read(ref reader), times.Length == 0 ? null : times);
            case Captured:
                var incarnation = reader.ReadGuid();
                var bucket = reader.ReadCount();
                return new CaptureProtocol.Captured(incarnation, bucket, Batches.Read(ref reader));
            case GetTraffic:
                return TrafficReporter.GetTraffic.Instance;
            case Traffic:
                return new WireTraffic(ReadCount(ref reader), ReadCount(ref reader), ReadCount(ref reader));
            default:
                throw UnknownManifest(manifest);
        }
    }

    /// <inheritdoc/>
    protected override void Serialized(object message, byte[] bytes)
    {
        if (BatchOf(message) is { } batch)
            Counters.Written(batch.Count, bytes);
    }

    /// <inheritdoc/>
    protected override void Deserialized(object message, byte[] bytes)
    {
        if (BatchOf(message) is { } batch)
            Counters.Read(batch.Count, bytes, ReadingBack);
    }

    /// <summary>The codecs of the frame being read: closed to the allowlist unless it is read back in place.</summary>
    private BatchCodecs Batches => ReadingBack ? open : closed;

    private static IUpdateBatch? BatchOf(object message) => message switch
    {
        RuntimeProtocol.Deliver deliver => deliver.Batch,
        CaptureProtocol.Captured captured => captured.Batch,
        _ => null,
    };

    private static void WriteCount(WireWriter writer, WireTraffic.Count count)
    {
        writer.WriteVarUInt((ulong)count.Batches);
        writer.WriteVarUInt((ulong)count.Updates);
        writer.WriteVarUInt((ulong)count.Bytes);
    }

    private static WireTraffic.Count ReadCount(ref WireReader reader) =>
        new((long)reader.ReadVarUInt(), (long)reader.ReadVarUInt(), (long)reader.ReadVarUInt());
}
