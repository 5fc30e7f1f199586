using Akka.Actor;
using AkkaDifferential.Operators.Capture;
using AkkaDifferential.Operators.Probes;
using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Progress.Tracking;
using AkkaDifferential.Runtime.Progress;
using static AkkaDifferential.Runtime.Progress.FrontierProtocol;
using static AkkaDifferential.Runtime.Progress.NodeProgressProtocol;

namespace AkkaDifferential.Cluster.Wire;

/// <summary>
/// The serializer of progress and frontiers: each member's consolidated, sequenced reports to the frontier singleton
/// (<see cref="NodeProgress"/>) and their acknowledgements (or a new singleton's <see cref="Resynchronize"/>), a
/// dataflow's registration with its progress graph, the frontier changes the singleton publishes (to an observer, or
/// to a member's relay for all its observers), a dataflow's backlog crossing its bound, and the frontiers that
/// captures and probes pass on. Locations are an
/// operator and a port, times their flattened coordinates as variable-length integers: a pointstamp change of a
/// top-level dataflow takes a few bytes.
/// </summary>
internal sealed class ProgressSerializer(ExtendedActorSystem system) : WireSerializer(system)
{
    /// <summary>The serializer's identifier (config/wire.conf).</summary>
    public const int Id = 3102;

    /// <inheritdoc/>
    public override int Identifier => Id;

    /// <inheritdoc/>
    public override string Manifest(object o) => o switch
    {
        NodeProgress => "N",
        NodeProgressAck => "A",
        Resynchronize => "Y",
        ProgressUpdate => "U",
        Register => "R",
        Registered => "r",
        Unregister => "u",
        BacklogChanged => "B",
        BacklogWatch => "W",
        Subscribe => "S",
        FrontiersAdvanced => "F",
        RelayedFrontiers => "L",
        TargetFrontier => "T",
        CaptureProtocol.CapturedFrontier => "C",
        ProbeProtocol.Observe => "O",
        ProbeProtocol.ReportDelivery => "P",
        ProbeProtocol.Delivered => "D",
        _ => throw NotMine(o),
    };

    /// <inheritdoc/>
    protected override void Write(WireWriter writer, object message)
    {
        switch (message)
        {
            case NodeProgress flush:
                writer.WriteString(flush.Node);
                writer.WriteVarInt(flush.Sequence);
                writer.WriteGuid(flush.Frontier);
                writer.WriteCount(flush.Updates.Length);
                foreach (var update in flush.Updates)
                    WriteUpdate(writer, update);
                break;
            case NodeProgressAck ack:
                writer.WriteString(ack.Node);
                writer.WriteVarInt(ack.Sequence);
                writer.WriteGuid(ack.Frontier);
                break;
            case Resynchronize resynchronize:
                writer.WriteGuid(resynchronize.Frontier);
                break;
            case ProgressUpdate update:
                WriteUpdate(writer, update);
                break;
            case Register register:
                WriteDataflowId(writer, register.Dataflow);
                WriteGraph(writer, register.Graph);
                WriteChanges(writer, register.InitialPointstamps);
                WriteActorRefs(writer, register.Listeners);
                writer.WriteBool(register.Observers is not null);
                if (register.Observers is { } observers)
                {
                    writer.WriteCount(observers.Count);
                    foreach (var (op, actors) in observers)
                    {
                        writer.WriteCount(op);
                        WriteActorRefs(writer, actors);
                    }
                }
                writer.WriteBool(register.Backlog is not null);
                if (register.Backlog is { } backlogWatch)
                    WriteBacklogWatch(writer, backlogWatch);
                break;
            case BacklogWatch watch:
                WriteBacklogWatch(writer, watch);
                break;
            case BacklogChanged backlog:
                WriteDataflowId(writer, backlog.Dataflow);
                writer.WriteBool(backlog.OverBound);
                break;
            case Registered registered:
                WriteDataflowId(writer, registered.Dataflow);
                break;
            case Unregister unregister:
                WriteDataflowId(writer, unregister.Dataflow);
                break;
            case Subscribe subscribe:
                WriteDataflowId(writer, subscribe.Dataflow);
                WriteLocation(writer, subscribe.Target);
                WriteActorRef(writer, subscribe.Subscriber);
                break;
            case FrontiersAdvanced advanced:
                WriteFrontiers(writer, advanced.Dataflow, advanced.Frontiers);
                break;
            case RelayedFrontiers relayed:
                WriteFrontiers(writer, relayed.Dataflow, relayed.Frontiers);
                writer.WriteCount(relayed.Parts.Length);
                foreach (var part in relayed.Parts)
                {
                    WriteActorRef(writer, part.Observer);
                    writer.WriteCount(part.Start);
                    writer.WriteCount(part.End);
                }
                break;
            case TargetFrontier frontier:
                WriteTargetFrontier(writer, frontier);
                break;
            case CaptureProtocol.CapturedFrontier captured:
                writer.WriteGuid(captured.Incarnation);
                writer.WriteCount(captured.Bucket);
                WriteFlatTimes(writer, captured.Frontier);
                break;
            case ProbeProtocol.Observe observe:
                WriteDataflowId(writer, observe.Dataflow);
                writer.WriteCount(observe.Targets.Count);
                foreach (var target in observe.Targets)
                    WriteLocation(writer, target);
                WriteActorRefs(writer, observe.Captures);
                break;
            case ProbeProtocol.ReportDelivery report:
                WriteActorRef(writer, report.Probe);
                break;
            case ProbeProtocol.Delivered delivered:
                WriteFlatTimes(writer, delivered.Frontier);
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
            case "N":
                var node = reader.ReadRequiredString("a node");
                var sequence = reader.ReadVarInt();
                var addressed = reader.ReadGuid();
                var updates = new ProgressUpdate[reader.ReadCount(reader.Remaining)];
                for (var i = 0; i < updates.Length; i++)
                    updates[i] = ReadUpdate(ref reader);
                return new NodeProgress(node, sequence, updates, addressed);
            case "A":
                return new NodeProgressAck(reader.ReadRequiredString("a node"), reader.ReadVarInt(), reader.ReadGuid());
            case "Y":
                return new Resynchronize(reader.ReadGuid());
            case "U":
                return ReadUpdate(ref reader);
            case "R":
                var dataflow = ReadDataflowId(ref reader);
                var graph = ReadGraph(ref reader);
                var initial = ReadChanges(ref reader);
                var listeners = ReadRequiredActorRefs(ref reader);
                Dictionary<int, IReadOnlyList<IActorRef>>? observers = null;
                if (reader.ReadBool())
                {
                    var count = reader.ReadCount(reader.Remaining);
                    observers = new Dictionary<int, IReadOnlyList<IActorRef>>(count);
                    for (var i = 0; i < count; i++)
                        observers[reader.ReadCount()] = ReadRequiredActorRefs(ref reader);
                }
                var backlog = reader.ReadBool() ? ReadBacklogWatch(ref reader) : null;
                return new Register(dataflow, graph, initial, listeners, observers, backlog);
            case "B":
                return new BacklogChanged(ReadDataflowId(ref reader), reader.ReadBool());
            case "W":
                return ReadBacklogWatch(ref reader);
            case "r":
                return new Registered(ReadDataflowId(ref reader));
            case "u":
                return new Unregister(ReadDataflowId(ref reader));
            case "S":
                return new Subscribe(ReadDataflowId(ref reader), ReadLocation(ref reader), ReadRequiredActorRef(ref reader));
            case "F":
                var (id, frontiers) = ReadFrontiers(ref reader);
                return new FrontiersAdvanced(id, frontiers);
            case "L":
                return ReadRelayedFrontiers(ref reader);
            case "T":
                return ReadTargetFrontier(ref reader);
            case "C":
                return new CaptureProtocol.CapturedFrontier(reader.ReadGuid(), reader.ReadCount(), ReadFlatTimes(ref reader));
            case "O":
                var observed = ReadDataflowId(ref reader);
                var targets = new Location[reader.ReadCount(reader.Remaining)];
                for (var i = 0; i < targets.Length; i++)
                    targets[i] = ReadLocation(ref reader);
                return new ProbeProtocol.Observe(observed, targets, ReadRequiredActorRefs(ref reader));
            case "P":
                return new ProbeProtocol.ReportDelivery(ReadRequiredActorRef(ref reader));
            case "D":
                return new ProbeProtocol.Delivered(ReadFlatTimes(ref reader));
            default:
                throw UnknownManifest(manifest);
        }
    }

    private RelayedFrontiers ReadRelayedFrontiers(ref WireReader reader)
    {
        var (dataflow, frontiers) = ReadFrontiers(ref reader);
        var parts = new RelayedFrontiers.Part[reader.ReadCount(reader.Remaining)];
        for (var i = 0; i < parts.Length; i++)
        {
            var observer = ReadRequiredActorRef(ref reader);
            var (start, end) = (reader.ReadCount(), reader.ReadCount());
            if (start > end || end > frontiers.Length)
                throw reader.Malformed($"a run of the {frontiers.Length} frontiers, not {start}..{end}");
            parts[i] = new RelayedFrontiers.Part(observer, start, end);
        }
        return new RelayedFrontiers(dataflow, frontiers, parts);
    }

    private IActorRef[] ReadRequiredActorRefs(ref WireReader reader)
    {
        var actors = ReadActorRefs(ref reader);
        foreach (var actor in actors)
            if (actor is null)
                throw reader.Malformed("actor references, not null");
        return actors!;
    }

    private static void WriteUpdate(WireWriter writer, ProgressUpdate update)
    {
        WriteDataflowId(writer, update.Dataflow);
        WriteChanges(writer, update.Changes);
    }

    private static ProgressUpdate ReadUpdate(ref WireReader reader) => new(ReadDataflowId(ref reader), ReadChanges(ref reader));

    private static void WriteChanges(WireWriter writer, IReadOnlyList<PointstampChange> changes)
    {
        writer.WriteCount(changes.Count);
        foreach (var change in changes)
        {
            WriteLocation(writer, change.Location);
            WriteFlatTime(writer, change.Time);
            writer.WriteVarInt(change.Delta);
        }
    }

    private static PointstampChange[] ReadChanges(ref WireReader reader)
    {
        var changes = new PointstampChange[reader.ReadCount(reader.Remaining)];
        for (var i = 0; i < changes.Length; i++)
            changes[i] = new PointstampChange(ReadLocation(ref reader), ReadFlatTime(ref reader), reader.ReadVarInt());
        return changes;
    }

    private static void WriteLocation(WireWriter writer, Location location)
    {
        writer.WriteCount(location.Operator);
        writer.WriteVarUInt(((ulong)(uint)location.Port << 1) | (location.IsSource ? 1UL : 0UL));
    }

    private static Location ReadLocation(ref WireReader reader)
    {
        var op = reader.ReadCount();
        var port = reader.ReadVarUInt();
        if (port >> 1 > int.MaxValue)
            throw reader.Malformed($"a port, not {port >> 1}");
        return new Location(op, (int)(port >> 1), (port & 1) == 1);
    }

    /// <summary>A dataflow's frontier changes: its id, then each input port's frontier.</summary>
    private static void WriteFrontiers(WireWriter writer, DataflowId dataflow, TargetFrontier[] frontiers)
    {
        WriteDataflowId(writer, dataflow);
        writer.WriteCount(frontiers.Length);
        foreach (var frontier in frontiers)
            WriteTargetFrontier(writer, frontier);
    }

    private static (DataflowId Dataflow, TargetFrontier[] Frontiers) ReadFrontiers(ref WireReader reader)
    {
        var dataflow = ReadDataflowId(ref reader);
        var frontiers = new TargetFrontier[reader.ReadCount(reader.Remaining)];
        for (var i = 0; i < frontiers.Length; i++)
            frontiers[i] = ReadTargetFrontier(ref reader);
        return (dataflow, frontiers);
    }

    private static void WriteTargetFrontier(WireWriter writer, TargetFrontier frontier)
    {
        WriteLocation(writer, frontier.Target);
        WriteFlatTimes(writer, frontier.Frontier);
    }

    private static TargetFrontier ReadTargetFrontier(ref WireReader reader) => new(ReadLocation(ref reader), ReadFlatTimes(ref reader));

    private static void WriteGraph(WireWriter writer, ProgressGraph graph)
    {
        writer.WriteCount(graph.Operators.Count);
        foreach (var shape in graph.Operators)
        {
            writer.WriteString(shape.Name);
            writer.WriteCount(shape.Inputs);
            writer.WriteCount(shape.Outputs);
            writer.WriteBool(shape.Summaries is not null);
            if (shape.Summaries is not { } summaries)
                continue;
            writer.WriteCount(summaries.Length);
            foreach (var row in summaries)
            {
                writer.WriteCount(row.Length);
                foreach (var summary in row)
                {
                    writer.WriteBool(summary is not null);
                    if (summary is { } s)
                    {
                        writer.WriteVarInt(s.Truncate);
                        writer.WriteVarInt(s.Extend);
                        writer.WriteVarInt(s.Increment);
                    }
                }
            }
        }
        writer.WriteCount(graph.Channels.Count);
        foreach (var channel in graph.Channels)
        {
            WriteLocation(writer, channel.Source);
            WriteLocation(writer, channel.Target);
        }
    }

    private static ProgressGraph ReadGraph(ref WireReader reader)
    {
        var operators = new OperatorShape[reader.ReadCount(reader.Remaining)];
        for (var op = 0; op < operators.Length; op++)
        {
            var name = reader.ReadRequiredString("an operator's name");
            var inputs = reader.ReadCount();
            var outputs = reader.ReadCount();
            PathSummary?[][]? summaries = null;
            if (reader.ReadBool())
            {
                summaries = new PathSummary?[reader.ReadCount(reader.Remaining)][];
                for (var input = 0; input < summaries.Length; input++)
                {
                    var row = summaries[input] = new PathSummary?[reader.ReadCount(reader.Remaining)];
                    for (var output = 0; output < row.Length; output++)
                        row[output] = reader.ReadBool() ? new PathSummary(ReadInt(ref reader), ReadInt(ref reader), reader.ReadVarInt()) : null;
                }
            }
            operators[op] = new OperatorShape(name, inputs, outputs, summaries);
        }
        var channels = new Channel[reader.ReadCount(reader.Remaining)];
        for (var i = 0; i < channels.Length; i++)
            channels[i] = new Channel(ReadLocation(ref reader), ReadLocation(ref reader));
        return new ProgressGraph(operators, channels);
    }

    private static int ReadInt(ref WireReader reader)
    {
        var value = reader.ReadVarInt();
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw reader.Malformed($"a 32-bit integer, not {value}");
    }

    private static void WriteBacklogWatch(WireWriter writer, BacklogWatch watch)
    {
        WriteActorRef(writer, watch.Watcher);
        writer.WriteVarInt(watch.Bound);
    }

    private BacklogWatch ReadBacklogWatch(ref WireReader reader) => new(ReadRequiredActorRef(ref reader), reader.ReadVarInt());
}
