using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Cluster.Wire;

/// <summary>
/// The base of the wire's serializers: each message is written into this thread's <see cref="WireWriter"/> and
/// handed to Akka as one exact-size array; reading refuses a frame that is malformed, ends early or has bytes left
/// over, with a <see cref="SerializationException"/> naming the serializer and the manifest. Actor references travel as
/// their full paths, and values of other types (a deployment's arguments, an exception) through the serializer that
/// the actor system binds to them.
/// </summary>
internal abstract class WireSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    [ThreadStatic]
    private static bool readingBack;

    /// <summary>The actor system, for actor references and nested values.</summary>
    protected ExtendedActorSystem System { get; } = system;

    /// <inheritdoc/>
    public sealed override byte[] ToBinary(object obj)
    {
        var writer = WireWriter.Rent();
        try
        {
            Write(writer, obj);
            var bytes = writer.ToArray();
            Serialized(obj, bytes);
            Wire.ReadBack.Written(bytes);
            return bytes;
        }
        finally
        {
            writer.Return();
        }
    }

    /// <inheritdoc/>
    public sealed override object FromBinary(byte[] bytes, string manifest)
    {
        var reader = new WireReader(bytes);
        var outer = readingBack;
        readingBack = Wire.ReadBack.Is(bytes);
        try
        {
            var message = Read(ref reader, manifest);
            reader.EnsureEnd();
            Deserialized(message, bytes);
            return message;
        }
        catch (Exception ex)
        {
            throw new SerializationException($"{GetType().Name} cannot read a '{manifest}' message of {bytes.Length} bytes: {ex.Message}", ex);
        }
        finally
        {
            readingBack = outer;
        }
    }

    /// <summary>
    /// True while the frame being read is read back in place (<see cref="Wire.ReadBack"/>), which may name types the
    /// member does not admit; false for a frame from elsewhere.
    /// </summary>
    protected static bool ReadingBack => readingBack;

    /// <summary>Writes <paramref name="message"/>, one of this serializer's types.</summary>
    protected abstract void Write(WireWriter writer, object message);

    /// <summary>Reads a message of <paramref name="manifest"/>.</summary>
    protected abstract object Read(ref WireReader reader, string manifest);

    /// <summary>Called with each message written and its bytes (to count them).</summary>
    protected virtual void Serialized(object message, byte[] bytes)
    {
    }

    /// <summary>Called with each message read and its bytes (to count them).</summary>
    protected virtual void Deserialized(object message, byte[] bytes)
    {
    }

    /// <summary>Refuses a message type this serializer is not bound to.</summary>
    protected ArgumentException NotMine(object message) =>
        new($"{GetType().Name} does not serialize {message.GetType()}: the wire binds it to another serializer (config/wire.conf).");

    /// <summary>Refuses an unknown manifest.</summary>
    protected static SerializationException UnknownManifest(string manifest) =>
        new($"Unknown manifest '{manifest}': the sender runs other code than this node.");

    /// <summary>An actor reference, or null, as its full path.</summary>
    protected static void WriteActorRef(WireWriter writer, IActorRef? actor) =>
        writer.WriteString(actor is null ? null : Akka.Serialization.Serialization.SerializedActorPath(actor));

    /// <summary>An actor reference written by <see cref="WriteActorRef"/>, resolved on this node.</summary>
    protected IActorRef? ReadActorRef(ref WireReader reader) =>
        reader.ReadString() is { } path ? System.Provider.ResolveActorRef(path) : null;

    /// <summary>An actor reference that may not be null.</summary>
    protected IActorRef ReadRequiredActorRef(ref WireReader reader) =>
        ReadActorRef(ref reader) ?? throw reader.Malformed("an actor reference, not null");

    /// <summary>
    /// A list of actor references. Their paths mostly share a long prefix (the address, the bucket region, the
    /// dataflow): each is written as the length of the prefix it shares with the one before and the rest.
    /// </summary>
    protected static void WriteActorRefs(WireWriter writer, IReadOnlyList<IActorRef?> actors)
    {
        writer.WriteCount(actors.Count);
        var previous = "";
        foreach (var actor in actors)
        {
            if (actor is null)
            {
                writer.WriteByte(0);
                continue;
            }
            var path = Akka.Serialization.Serialization.SerializedActorPath(actor);
            var shared = path.AsSpan().CommonPrefixLength(previous);
            writer.WriteCount(shared + 1);
            writer.WriteString(path[shared..]);
            previous = path;
        }
    }

    /// <summary>A list written by <see cref="WriteActorRefs"/>.</summary>
    protected IActorRef?[] ReadActorRefs(ref WireReader reader)
    {
        var actors = new IActorRef?[reader.ReadCount(reader.Remaining)];
        var previous = "";
        for (var i = 0; i < actors.Length; i++)
        {
            var shared = reader.ReadCount(previous.Length + 1);
            if (shared == 0)
                continue;
            var path = string.Concat(previous.AsSpan(0, shared - 1), reader.ReadRequiredString("an actor's path"));
            actors[i] = System.Provider.ResolveActorRef(path);
            previous = path;
        }
        return actors;
    }

    /// <summary>A dataflow's identity: its name and instance.</summary>
    protected static void WriteDataflowId(WireWriter writer, DataflowId id)
    {
        writer.WriteString(id.Name);
        writer.WriteGuid(id.Instance);
    }

    /// <summary>A dataflow identity written by <see cref="WriteDataflowId"/>.</summary>
    protected static DataflowId ReadDataflowId(ref WireReader reader) => new(reader.ReadRequiredString("a dataflow's name"), reader.ReadGuid());

    /// <summary>A flattened time: its coordinates.</summary>
    protected static void WriteFlatTime(WireWriter writer, FlatTime time)
    {
        writer.WriteCount(time.Length);
        foreach (var coordinate in time.Coordinates)
            writer.WriteVarInt(coordinate);
    }

    /// <summary>A time written by <see cref="WriteFlatTime"/>.</summary>
    protected static FlatTime ReadFlatTime(ref WireReader reader)
    {
        var coordinates = new long[reader.ReadCount(reader.Remaining)];
        for (var i = 0; i < coordinates.Length; i++)
            coordinates[i] = reader.ReadVarInt();
        return new FlatTime(coordinates);
    }

    /// <summary>Flattened times (a frontier).</summary>
    protected static void WriteFlatTimes(WireWriter writer, IReadOnlyList<FlatTime> times)
    {
        writer.WriteCount(times.Count);
        foreach (var time in times)
            WriteFlatTime(writer, time);
    }

    /// <summary>Times written by <see cref="WriteFlatTimes"/>.</summary>
    protected static FlatTime[] ReadFlatTimes(ref WireReader reader)
    {
        var times = new FlatTime[reader.ReadCount(reader.Remaining)];
        for (var i = 0; i < times.Length; i++)
            times[i] = ReadFlatTime(ref reader);
        return times;
    }

    /// <summary>A value of any type, or null, through the serializer the actor system binds to its type.</summary>
    protected void WriteNested(WireWriter writer, object? value)
    {
        if (value is null)
        {
            writer.WriteBool(false);
            return;
        }
        writer.WriteBool(true);
        var serializer = System.Serialization.FindSerializerFor(value);
        writer.WriteVarInt(serializer.Identifier);
        writer.WriteString(Akka.Serialization.Serialization.ManifestFor(serializer, value));
        writer.WriteBytes(serializer.ToBinary(value));
    }

    /// <summary>A value written by <see cref="WriteNested"/>.</summary>
    protected object? ReadNested(ref WireReader reader)
    {
        if (!reader.ReadBool())
            return null;
        var id = reader.ReadVarInt();
        if (id is < int.MinValue or > int.MaxValue)
            throw reader.Malformed($"a serializer id, not {id}");
        var manifest = reader.ReadString() ?? "";
        return System.Serialization.Deserialize(reader.ReadBytes().ToArray(), (int)id, manifest);
    }
}
