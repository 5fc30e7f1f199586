using System.Collections.Concurrent;
using Akka.Actor;
using AkkaDifferential.Cluster.Wire.Columns;
using AkkaDifferential.Runtime.Readers;
using static AkkaDifferential.Runtime.Readers.TraceProtocol;

namespace AkkaDifferential.Cluster.Wire;

/// <summary>
/// The serializer of trace reader control (<see cref="IReaderControl"/>): a reader handle on the driver holds,
/// compacts, releases and asks the status of an arrangement's trace on the members. Frontiers are antichains of the
/// dataflow's time type, written as the type (<see cref="WireTypes"/>) and a column of times, like a batch's times.
/// </summary>
internal sealed class TraceReaderSerializer : WireSerializer
{
    /// <summary>The serializer's identifier (config/wire.conf).</summary>
    public const int Id = 3104;

    private readonly ColumnCodecs columns;
    private readonly AllowedTypes allowed;
    private readonly ConcurrentDictionary<Type, TimedMessages> timed = new();

    /// <summary>Created by Akka from the binding in config/wire.conf.</summary>
    public TraceReaderSerializer(ExtendedActorSystem system) : base(system)
    {
        allowed = AllowedTypes.Of(system);
        columns = new ColumnCodecs(new RecordSerializer(system, allowed));
    }

    /// <inheritdoc/>
    public override int Identifier => Id;

    /// <inheritdoc/>
    public override string Manifest(object o) => o switch
    {
        Hold => "H",
        Release => "L",
        GetStatus => "G",
        Refused => "X",
        _ when TimeOf(o) is not null => o.GetType().GetGenericTypeDefinition() switch
        {
            var t when t == typeof(Held<>) => "h",
            var t when t == typeof(AllowCompaction<>) => "A",
            _ => "S",
        },
        _ => throw NotMine(o),
    };

    /// <inheritdoc/>
    protected override void Write(WireWriter writer, object message)
    {
        switch (message)
        {
            case Hold hold:
                writer.WriteString(hold.ReaderId);
                break;
            case Release release:
                writer.WriteString(release.ReaderId);
                break;
            case GetStatus:
                break;
            case Refused refused:
                writer.WriteString(refused.ReaderId);
                writer.WriteString(refused.Reason);
                break;
            default:
                var time = TimeOf(message) ?? throw NotMine(message);
                WireTypes.Write(writer, time);
                For(time).Write(writer, message);
                break;
        }
    }

    /// <inheritdoc/>
    protected override object Read(ref WireReader reader, string manifest)
    {
        switch (manifest)
        {
            case "H":
                return new Hold(reader.ReadRequiredString("a reader id"));
            case "L":
                return new Release(reader.ReadRequiredString("a reader id"));
            case "G":
                return GetStatus.Instance;
            case "X":
                return new Refused(reader.ReadRequiredString("a reader id"), reader.ReadRequiredString("a reason"));
            case "h" or "A" or "S":
                return For(WireTypes.Read(ref reader, ReadingBack ? AllowedTypes.Any : allowed)).Read(ref reader, manifest);
            default:
                throw UnknownManifest(manifest);
        }
    }

    /// <summary>The time type of a generic reader message, or null.</summary>
    private static Type? TimeOf(object message)
    {
        var type = message.GetType();
        if (!type.IsGenericType)
            return null;
        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(Held<>) || definition == typeof(AllowCompaction<>) || definition == typeof(StatusReport<>) ? type.GetGenericArguments()[0] : null;
    }

    private TimedMessages For(Type time) =>
        timed.TryGetValue(time, out var messages)
            ? messages
            : timed.GetOrAdd(time, (TimedMessages)Activator.CreateInstance(typeof(TimedMessages<>).MakeGenericType(time), columns)!);

    /// <summary>The reader messages that carry times of one type.</summary>
    private abstract class TimedMessages
    {
        public abstract void Write(WireWriter writer, object message);

        public abstract object Read(ref WireReader reader, string manifest);
    }

    private sealed class TimedMessages<TTime>(ColumnCodecs columns) : TimedMessages where TTime : notnull
    {
        private readonly ColumnCodec<TTime> times = columns.For<TTime>();

        public override void Write(WireWriter writer, object message)
        {
            switch (message)
            {
                case Held<TTime> held:
                    writer.WriteString(held.ReaderId);
                    WriteAntichain(writer, held.Since);
                    break;
                case AllowCompaction<TTime> allow:
                    writer.WriteString(allow.ReaderId);
                    WriteAntichain(writer, allow.Frontier);
                    break;
                case StatusReport<TTime> { Report: var status }:
                    WriteAntichain(writer, status.Since);
                    WriteAntichain(writer, status.Upper);
                    writer.WriteVarInt(status.Updates);
                    writer.WriteVarInt(status.Batches);
                    writer.WriteCount(status.Readers.Count);
                    foreach (var reader in status.Readers)
                        writer.WriteString(reader);
                    break;
            }
        }

        public override object Read(ref WireReader reader, string manifest)
        {
            switch (manifest)
            {
                case "h":
                    return new Held<TTime>(reader.ReadRequiredString("a reader id"), ReadAntichain(ref reader));
                case "A":
                    return new AllowCompaction<TTime>(reader.ReadRequiredString("a reader id"), ReadAntichain(ref reader));
                default:
                    var since = ReadAntichain(ref reader);
                    var upper = ReadAntichain(ref reader);
                    var updates = reader.ReadVarInt();
                    var batches = reader.ReadVarInt();
                    if (batches is < 0 or > int.MaxValue)
                        throw reader.Malformed($"a number of batches, not {batches}");
                    var readers = new string[reader.ReadCount(reader.Remaining)];
                    for (var i = 0; i < readers.Length; i++)
                        readers[i] = reader.ReadRequiredString("a reader id");
                    return new StatusReport<TTime>(new TraceStatus<TTime>(since, upper, updates, (int)batches, readers));
            }
        }

        private void WriteAntichain(WireWriter writer, Antichain<TTime> antichain)
        {
            var elements = antichain.Elements.ToArray();
            writer.WriteCount(elements.Length);
            if (elements.Length > 0)
                times.Write(writer, elements);
        }

        private Antichain<TTime> ReadAntichain(ref WireReader reader)
        {
            var elements = new TTime[reader.ReadCount(reader.Remaining)];
            if (elements.Length > 0)
                times.Read(ref reader, elements);
            return new Antichain<TTime>(elements);
        }
    }
}
