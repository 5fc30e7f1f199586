using System.Reflection;
using System.Runtime.Serialization;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Event;
using AkkaDifferential.Cluster.Wire;
using AkkaDifferential.Operators.Runtime;
using AkkaDifferential.Runtime.Readers;
using AkkaDifferential.Runtime.Wire;

namespace AkkaDifferential.Cluster.Tests.Wire;

/// <summary>
/// Every message of the engine has a serializer of the wire (config/wire.conf), never the Hyperion fallback, and a
/// generator in <see cref="WireMessages"/>; the messages that must stay on their node are typed so
/// (<see cref="ILocalOnly"/>) and fail loudly when sent to another node. The engine's messages are found by
/// reflection: every type declared in a <c>…Protocol</c> class, every type marked as a message (dead-letter
/// suppression, no verification, local-only, reader control), and the wire's own: a new message without a binding
/// fails here.
/// </summary>
public sealed class WireBindingTests(WireSystems wire) : IClassFixture<WireSystems>
{
    private static readonly Assembly[] Engine =
    [
        typeof(ILocalOnly).Assembly, typeof(RuntimeProtocol).Assembly, typeof(BucketEnvelope).Assembly,
    ];

    private static readonly Type[] Markers =
    [
        typeof(IDeadLetterSuppression), typeof(INoSerializationVerificationNeeded), typeof(ILocalOnly), typeof(TraceProtocol.IReaderControl),
    ];

    private static readonly int[] WireSerializers = [BatchSerializer.Id, ProgressSerializer.Id, DeploymentSerializer.Id, TraceReaderSerializer.Id, MetricsSerializer.Id];

    /// <summary>The engine's message types, generic ones closed over <c>long</c>.</summary>
    private static List<Type> Messages() =>
    [
        .. Engine.SelectMany(a => a.GetTypes())
            // A shard allocation strategy is marked as not verified by Akka, but it is a setting, not a message.
            .Where(t => !t.IsInterface && !t.IsAbstract && !typeof(Akka.Cluster.Sharding.IShardAllocationStrategy).IsAssignableFrom(t)
                && ((t.DeclaringType is { } outer && outer.Name.EndsWith("Protocol", StringComparison.Ordinal)) || Markers.Any(m => m.IsAssignableFrom(t))))
            .Concat([typeof(BucketEnvelope), typeof(WireTraffic), typeof(TrafficReporter.GetTraffic)])
            .Distinct()
            .Select(t => t.IsGenericTypeDefinition ? t.MakeGenericType([.. t.GetGenericArguments().Select(_ => typeof(long))]) : t),
    ];

    [Fact]
    public void Every_message_that_may_cross_nodes_has_a_serializer_of_the_wire_and_a_generator()
    {
        var samples = WireMessages.Samples(wire.Actors);
        var crossing = Messages().Where(t => !typeof(ILocalOnly).IsAssignableFrom(t)).ToList();
        Assert.True(crossing.Count >= 30, $"found only {crossing.Count} message types: is the reflection right?");
        foreach (var type in crossing)
        {
            var serializer = wire.Here.Serialization.FindSerializerForType(type);
            Assert.True(WireSerializers.Contains(serializer.Identifier), $"{type} is serialized by {serializer.GetType().Name}, not by a serializer of the wire: bind it in config/wire.conf");
            Assert.True(samples.ContainsKey(type), $"{type} has no generator in WireMessages, so its round trip is not tested");
        }
        foreach (var type in samples.Keys)
            Assert.True(crossing.Contains(type) || (type.IsGenericType && crossing.Contains(type.GetGenericTypeDefinition().MakeGenericType([.. type.GetGenericArguments().Select(_ => typeof(long))]))),
                $"WireMessages has a generator for {type}, which is not a message the engine sends");
    }

    [Fact]
    public void Every_local_only_message_is_refused_by_its_serializer_naming_its_type()
    {
        var local = Messages().Where(t => typeof(ILocalOnly).IsAssignableFrom(t)).ToList();
        Assert.Contains(typeof(TraceProtocol.Advanced<long, long, long, long>), local);
        Assert.Contains(typeof(RuntimeProtocol.DeliverAdvance), local);
        foreach (var type in local)
        {
            var serializer = wire.Here.Serialization.FindSerializerForType(type);
            Assert.IsType<LocalOnlySerializer>(serializer);
            var message = System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(type);
            var refused = Assert.Throws<SerializationException>(() => serializer.ToBinary(message));
            Assert.Contains($"{type} never crosses nodes", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_local_only_message_sent_to_another_node_is_refused_and_logged_naming_it_and_never_arrives()
    {
        var received = Channel.CreateUnbounded<object>();
        var receiver = wire.There.ActorOf(Props.Create(() => new Recorder(received.Writer)), "receiver");
        var remote = wire.Here.Provider.ResolveActorRef(receiver.Path.ToStringWithAddress(wire.There.Provider.DefaultAddress));
        var logged = Channel.CreateUnbounded<object>();
        var errors = wire.Here.ActorOf(Props.Create(() => new Recorder(logged.Writer)));
        wire.Here.EventStream.Subscribe(errors, typeof(Error));
        try
        {
            // A message first, to see the association work, then the local-only one, then another.
            remote.Tell(new TraceProtocol.Hold("before"));
            Assert.Equal("before", Assert.IsType<TraceProtocol.Hold>(await Next(received)).ReaderId);
            remote.Tell(new RuntimeProtocol.ToOperator(3, "payload"));
            Error error;
            do
                error = Assert.IsType<Error>(await Next(logged));
            while (error.Cause is not SerializationException);
            Assert.Contains($"{typeof(RuntimeProtocol.ToOperator)} never crosses nodes", error.Cause.Message, StringComparison.Ordinal);
            remote.Tell(new TraceProtocol.Hold("after"));
            Assert.Equal("after", Assert.IsType<TraceProtocol.Hold>(await Next(received)).ReaderId);
        }
        finally
        {
            wire.Here.EventStream.Unsubscribe(errors);
            wire.There.Stop(receiver);
        }
    }

    [Fact]
    public void Telling_a_local_only_message_to_an_actor_on_another_node_throws_at_the_sender()
    {
        var remote = wire.Actors[2];
        var refused = Assert.Throws<InvalidOperationException>(() => remote.TellLocal(RuntimeProtocol.Work.Instance));
        Assert.Contains("Work never crosses nodes", refused.Message, StringComparison.Ordinal);
        Assert.Contains(remote.Path.ToString(), refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_serialize_messages_on_a_local_only_message_passes_by_reference_and_a_batch_is_copied()
    {
        var received = Channel.CreateUnbounded<object>();
        var recorder = wire.Here.ActorOf(Props.Create(() => new Recorder(received.Writer)));
        var local = new RuntimeProtocol.DeliverAdvance(1, 0, new UpdateBatch<long, long, long>([1], [0], [1]));
        recorder.Tell(local);
        Assert.Same(local, await Next(received));
        var data = new RuntimeProtocol.Deliver(1, 0, new UpdateBatch<long, long, long>([1], [0], [1]));
        recorder.Tell(data);
        var copy = Assert.IsType<RuntimeProtocol.Deliver>(await Next(received));
        Assert.NotSame(data.Batch, copy.Batch);
        Assert.Equal(Structural.Describe(data), Structural.Describe(copy));
        wire.Here.Stop(recorder);
    }

    private static async Task<object> Next(Channel<object> channel) =>
        await channel.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
}
