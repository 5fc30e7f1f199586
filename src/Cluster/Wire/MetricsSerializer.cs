using Akka.Actor;
using AkkaDifferential.Operators.Metrics;
using static AkkaDifferential.Operators.Metrics.MetricsProtocol;

namespace AkkaDifferential.Cluster.Wire;

/// <summary>
/// The serializer of metrics: a bucket's consolidated report of its operator instances' counters to the dataflow's
/// owner (<see cref="BucketReport"/>), and the owner's request for one (<see cref="ReportNow"/>). Counts are
/// variable-length integers and frontiers flattened times, so an idle operator's figures take a few bytes.
/// </summary>
internal sealed class MetricsSerializer(ExtendedActorSystem system) : WireSerializer(system)
{
    /// <summary>The serializer's identifier (config/wire.conf).</summary>
    public const int Id = 3106;

    /// <inheritdoc/>
    public override int Identifier => Id;

    /// <inheritdoc/>
    public override string Manifest(object o) => o switch
    {
        BucketReport => "B",
        ReportNow => "N",
        _ => throw NotMine(o),
    };

    /// <inheritdoc/>
    protected override void Write(WireWriter writer, object message)
    {
        switch (message)
        {
            case BucketReport report:
                WriteDataflowId(writer, report.Dataflow);
                writer.WriteCount(report.Bucket);
                writer.WriteString(report.Member);
                writer.WriteVarInt(report.Request);
                writer.WriteCount(report.Operators.Count);
                foreach (var figures in report.Operators)
                    WriteFigures(writer, figures);
                break;
            case ReportNow request:
                WriteDataflowId(writer, request.Dataflow);
                writer.WriteVarInt(request.Request);
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
            case "B":
                var dataflow = ReadDataflowId(ref reader);
                var bucket = reader.ReadCount();
                var member = reader.ReadRequiredString("a member's address");
                var request = reader.ReadVarInt();
                var operators = new OperatorFigures[reader.ReadCount(reader.Remaining)];
                for (var i = 0; i < operators.Length; i++)
                    operators[i] = ReadFigures(ref reader);
                return new BucketReport(dataflow, bucket, member, request, operators);
            case "N":
                return new ReportNow(ReadDataflowId(ref reader), reader.ReadVarInt());
            default:
                throw UnknownManifest(manifest);
        }
    }

    private static void WriteFigures(WireWriter writer, OperatorFigures figures)
    {
        writer.WriteCount(figures.Operator);
        writer.WriteVarInt(figures.RecordsIn);
        writer.WriteVarInt(figures.BatchesIn);
        writer.WriteVarInt(figures.RecordsOut);
        writer.WriteVarInt(figures.BatchesOut);
        writer.WriteBool(figures.Arrangement is not null);
        if (figures.Arrangement is { } size)
        {
            writer.WriteVarInt(size.Keys);
            writer.WriteVarInt(size.Updates);
            writer.WriteVarInt(size.Batches);
            writer.WriteVarInt(size.CompactionLag);
            writer.WriteString(size.HeldBy);
        }
        writer.WriteBool(figures.Frontier is not null);
        if (figures.Frontier is { } frontier)
            WriteFlatTimes(writer, frontier);
    }

    private static OperatorFigures ReadFigures(ref WireReader reader)
    {
        var op = reader.ReadCount();
        var (recordsIn, batchesIn, recordsOut, batchesOut) = (reader.ReadVarInt(), reader.ReadVarInt(), reader.ReadVarInt(), reader.ReadVarInt());
        ArrangementSize? size = reader.ReadBool()
            ? new ArrangementSize(reader.ReadVarInt(), reader.ReadVarInt(), reader.ReadVarInt(), reader.ReadVarInt(), reader.ReadString())
            : null;
        var frontier = reader.ReadBool() ? ReadFlatTimes(ref reader) : null;
        return new OperatorFigures(op, recordsIn, batchesIn, recordsOut, batchesOut, size, frontier);
    }
}
