using System.Runtime.Serialization;
using System.Text;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Event;
using AkkaDifferential.Arrangements.Updates;
using AkkaDifferential.Cluster.Wire;
using AkkaDifferential.Operators.Runtime;
using AkkaDifferential.Progress;

namespace AkkaDifferential.Cluster.Tests.Wire;

/// <summary>
/// The closed wire (<see cref="AllowedTypes"/>): a frame may name only admitted types. Each test writes a frame of an
/// admitted type (<see cref="Harmless"/>) and turns it into one naming <see cref="Tripwire"/>, a type of the same
/// name length that exists here but is not admitted, by rewriting its name's bytes — what a forged frame would do.
/// The member refuses it with a <see cref="SerializationException"/> naming the type, logs it, and no
/// <see cref="Tripwire"/> is ever constructed (its static constructor, constructor and finalizer count; the same
/// frame read by a Hyperion without the allowlist constructs a <see cref="Sentinel"/>, so the count can fail).
/// </summary>
public sealed class ClosedWireTests : IClassFixture<WireSystems>
{
    private readonly WireSystems wire;

    public ClosedWireTests(WireSystems wire)
    {
        this.wire = wire;
        foreach (var system in new[] { wire.Here, wire.There })
        {
            AllowedTypes.Of(system).Admit(typeof(Harmless));
            AllowedTypes.Of(system).Admit(typeof(Holder));
            AllowedTypes.Of(system).Admit(typeof(Nested));
        }
    }

    [Fact]
    public async Task A_batch_whose_records_are_of_a_type_not_admitted_is_refused_naming_it_and_logged()
    {
        var frame = Written(new RuntimeProtocol.Deliver(1, 0, new UpdateBatch<Harmless, long, long>([new Harmless { Label = "a" }], [0], [1])), out var serializer);
        Assert.IsType<BatchSerializer>(serializer);
        var forged = Forged(frame, nameof(Harmless), nameof(Tripwire));
        var refusal = await RefusedAndLogged(() => wire.There.Serialization.Deserialize(forged, serializer.Identifier, "D"));
        Assert.Contains("BatchSerializer cannot read a 'D' message", refusal, StringComparison.Ordinal);
        // The frame as written is read: only the name made the difference.
        var back = (RuntimeProtocol.Deliver)wire.There.Serialization.Deserialize(frame, serializer.Identifier, "D");
        Assert.Equal("a", ((UpdateBatch<Harmless, long, long>)back.Batch).Data[0].Label);
    }

    [Fact]
    public async Task A_record_column_holding_a_value_of_a_type_not_admitted_is_refused_before_hyperion_loads_it()
    {
        // The record type is admitted; the value in its object field is of another type, which Hyperion names in the column.
        var frame = Written(new RuntimeProtocol.Deliver(1, 0, new UpdateBatch<Holder, long, long>([new Holder(new Harmless { Label = "b" })], [0], [1])), out var serializer);
        var forged = Forged(frame, nameof(Harmless), nameof(Tripwire));
        await RefusedAndLogged(() => wire.There.Serialization.Deserialize(forged, serializer.Identifier, "D"));
    }

    [Fact]
    public async Task A_value_without_a_serializer_of_its_own_is_refused_when_its_type_is_not_admitted()
    {
        var frame = Written(new Harmless { Label = "c" }, out var serializer);
        Assert.IsType<ClosedHyperionSerializer>(serializer);
        var forged = Forged(frame, nameof(Harmless), nameof(Tripwire));
        await RefusedAndLogged(() => wire.There.Serialization.Deserialize(forged, serializer.Identifier, ""));
        Assert.Equal("c", Assert.IsType<Harmless>(wire.There.Serialization.Deserialize(frame, serializer.Identifier, "")).Label);
    }

    [Fact]
    public async Task A_deployment_whose_arguments_are_of_a_type_not_admitted_is_refused()
    {
        var deployment = new RuntimeProtocol.Deployment(new DataflowId("forged", Guid.NewGuid()), "forged", new Harmless { Label = "d" }, 1, [], 0);
        var frame = Written(deployment, out var serializer);
        Assert.IsType<DeploymentSerializer>(serializer);
        var forged = Forged(frame, nameof(Harmless), nameof(Tripwire));
        await RefusedAndLogged(() => wire.There.Serialization.Deserialize(forged, serializer.Identifier, "D"));
    }

    [Fact]
    public void A_type_that_exists_on_the_member_is_refused_all_the_same_when_it_is_not_admitted()
    {
        var frame = Written(new Version(1, 2), out var serializer);
        var refused = Assert.Throws<SerializationException>(() => wire.There.Serialization.Deserialize(frame, serializer.Identifier, ""));
        Assert.Contains("Type 'System.Version, System.Private.CoreLib' may not cross the wire", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Admitting_a_record_admits_what_hyperion_names_for_its_fields_and_no_more()
    {
        var nested = new Nested([new Harmless { Label = "x" }], new Dictionary<string, Harmless[]> { ["k"] = [new Harmless { Label = "y" }] }, (3, "z"));
        var frame = Written(new RuntimeProtocol.Deliver(1, 0, new UpdateBatch<Nested, long, long>([nested], [0], [1])), out var serializer);
        var back = (RuntimeProtocol.Deliver)wire.There.Serialization.Deserialize(frame, serializer.Identifier, "D");
        var read = ((UpdateBatch<Nested, long, long>)back.Batch).Data[0];
        Assert.Equal("x", read.Items[0].Label);
        Assert.Equal("y", read.ByName["k"][0].Label);
        Assert.Equal((3, "z"), read.Pair);
        Assert.True(AllowedTypes.Of(wire.There).Admits(AllowedTypes.NameOf(typeof(List<Harmless>))));
        Assert.False(AllowedTypes.Of(wire.There).Admits(AllowedTypes.NameOf(typeof(Tripwire))));
        Assert.False(AllowedTypes.Of(wire.There).Admits(AllowedTypes.NameOf(typeof(Version))));
    }

    [Fact]
    public void Akkas_json_serializer_is_not_on_the_wire()
    {
        Assert.IsType<ClosedHyperionSerializer>(wire.There.Serialization.FindSerializerForType(typeof(object)));
        // Akka's Newtonsoft serializer has identifier 1 and would create any type its manifest names.
        var refused = Assert.ThrowsAny<Exception>(() => wire.There.Serialization.Deserialize(
            Encoding.UTF8.GetBytes("{\"Label\":\"j\"}"), 1, typeof(Tripwire).AssemblyQualifiedName!));
        Assert.IsNotType<Tripwire>(refused);
        Assert.Throws<SerializationException>(() => wire.There.Serialization.Deserialize([], NoJsonSerializer.Id, typeof(Harmless).AssemblyQualifiedName!));
        AssertNoTripwire();
    }

    [Fact]
    public async Task The_local_round_trip_of_serialize_messages_passes_a_type_not_admitted_and_a_copy_of_its_frame_does_not()
    {
        var received = Channel.CreateUnbounded<object>();
        var recorder = wire.Here.ActorOf(Props.Create(() => new Recorder(received.Writer)));
        var message = new Unadmitted("local");
        recorder.Tell(message);
        var copy = Assert.IsType<Unadmitted>(await received.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.NotSame(message, copy);
        Assert.Equal("local", copy.Label);
        wire.Here.Stop(recorder);
        var frame = Written(message, out var serializer);
        var refused = Assert.Throws<SerializationException>(() => wire.Here.Serialization.Deserialize([.. frame], serializer.Identifier, ""));
        Assert.Contains($"Type '{AllowedTypes.NameOf(typeof(Unadmitted))}' may not cross the wire", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tripwire_can_fire_a_hyperion_without_the_allowlist_constructs_the_forged_type()
    {
        var frame = Written(new Harmless { Label = "s" }, out _);
        var forged = Forged(frame, nameof(Harmless), nameof(Sentinel));
        var open = new RecordSerializer(wire.There);
        using (var stream = new MemoryStream(forged))
            Assert.Equal("s", Assert.IsType<Sentinel>(open.Deserialize(stream)).Label);
        CollectGarbage();
        Assert.True(Tripwires.Sentinels > 0, "reading the forged frame without the allowlist created no Sentinel: the tripwire cannot fire");
    }

    /// <summary><paramref name="message"/> as its serializer writes it on the first system.</summary>
    private byte[] Written(object message, out Akka.Serialization.Serializer serializer)
    {
        serializer = wire.Here.Serialization.FindSerializerFor(message);
        return [.. serializer.ToBinary(message)];
    }

    /// <summary>Runs <paramref name="read"/>, which must throw naming <see cref="Tripwire"/>, and waits for the member's log of it.</summary>
    private async Task<string> RefusedAndLogged(Func<object> read)
    {
        var logged = Channel.CreateUnbounded<object>();
        var listener = wire.There.ActorOf(Props.Create(() => new Recorder(logged.Writer)));
        wire.There.EventStream.Subscribe(listener, typeof(Warning));
        try
        {
            var refused = Assert.Throws<SerializationException>(() => read());
            Assert.Contains($"Type '{AllowedTypes.NameOf(typeof(Tripwire))}' may not cross the wire of this member", refused.Message, StringComparison.Ordinal);
            Warning warning;
            do
                warning = Assert.IsType<Warning>(await logged.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20)));
            while (!warning.Message.ToString()!.Contains(nameof(Tripwire), StringComparison.Ordinal));
            Assert.Contains($"The wire refused type '{AllowedTypes.NameOf(typeof(Tripwire))}'", warning.Message.ToString(), StringComparison.Ordinal);
            AssertNoTripwire();
            return refused.Message;
        }
        finally
        {
            wire.There.EventStream.Unsubscribe(listener);
            wire.There.Stop(listener);
        }
    }

    private static void AssertNoTripwire()
    {
        CollectGarbage();
        Assert.Equal(0, Tripwires.Tripped);
    }

    private static void CollectGarbage()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary><paramref name="frame"/> with every occurrence of the type name <paramref name="from"/> rewritten to <paramref name="to"/>, of the same length.</summary>
    private static byte[] Forged(byte[] frame, string from, string to)
    {
        var (old, replacement) = (Encoding.UTF8.GetBytes($"+{from},"), Encoding.UTF8.GetBytes($"+{to},"));
        Assert.Equal(old.Length, replacement.Length);
        var forged = frame.ToArray();
        var found = 0;
        for (var i = forged.AsSpan().IndexOf(old); i >= 0; i = forged.AsSpan().IndexOf(old))
        {
            replacement.CopyTo(forged, i);
            found++;
        }
        Assert.True(found > 0, $"the frame does not name {from}");
        return forged;
    }

    /// <summary>What the tripwires counted.</summary>
    public static class Tripwires
    {
        private static int tripwires;
        private static int sentinels;

        public static int Tripped => Volatile.Read(ref tripwires);

        public static int Sentinels => Volatile.Read(ref sentinels);

        public static void Trip() => Interlocked.Increment(ref tripwires);

        public static void SentinelMade() => Interlocked.Increment(ref sentinels);
    }

    /// <summary>An admitted record.</summary>
    public sealed class Harmless
    {
        public string Label = "";
    }

    /// <summary>A type never admitted, whose every construction counts, with or without its constructor.</summary>
    public sealed class Tripwire
    {
        public string Label = "";

        static Tripwire() => Tripwires.Trip();

        public Tripwire() => Tripwires.Trip();

        ~Tripwire() => Tripwires.Trip();
    }

    /// <summary>As <see cref="Tripwire"/>, for the control that shows an instance counts.</summary>
    public sealed class Sentinel
    {
        public string Label = "";

        static Sentinel() => Tripwires.SentinelMade();

        public Sentinel() => Tripwires.SentinelMade();

        ~Sentinel() => Tripwires.SentinelMade();
    }

    /// <summary>An admitted record whose field may hold anything.</summary>
    public sealed record Holder(object Value);

    /// <summary>An admitted record with collections of another record.</summary>
    public sealed record Nested(List<Harmless> Items, Dictionary<string, Harmless[]> ByName, (int, string) Pair);

    /// <summary>A message type no member admits.</summary>
    public sealed record Unadmitted(string Label);
}
