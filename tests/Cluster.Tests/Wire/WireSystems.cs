using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using AkkaDifferential.Cluster.Wire;

namespace AkkaDifferential.Cluster.Tests.Wire;

/// <summary>
/// Two actor systems with remoting on 127.0.0.1, the wire's serializers (config/wire.conf) and
/// <c>serialize-messages = on</c>: <see cref="RoundTrip"/> serializes a message as Akka does for the network, and
/// messages between the two systems really cross a socket. Both admit the record and argument types of the tests to
/// their wire, as a member admits those of its definitions.
/// </summary>
public sealed class WireSystems : IAsyncLifetime
{
    private const string Hocon = """
        akka.actor.provider = remote
        akka.actor.serialize-messages = on
        akka.remote.dot-netty.tcp.hostname = 127.0.0.1
        akka.remote.dot-netty.tcp.port = 0
        akka.loglevel = WARNING
        """;

    /// <summary>The first system.</summary>
    public ExtendedActorSystem Here { get; private set; } = null!;

    /// <summary>The second system, another node.</summary>
    public ExtendedActorSystem There { get; private set; } = null!;

    /// <summary>Actors to refer to in messages: two here, one on the other node (a remote reference).</summary>
    public IReadOnlyList<IActorRef> Actors { get; private set; } = [];

    public Task InitializeAsync()
    {
        var config = ConfigurationFactory.ParseString(Hocon).WithFallback(DifferentialCluster.WireConfig());
        Here = (ExtendedActorSystem)ActorSystem.Create("wire-here", config);
        There = (ExtendedActorSystem)ActorSystem.Create("wire-there", config);
        // What a member admits for the record and argument types of its definitions (AllowedTypes): here, those of the tests.
        Type[] admitted =
        [
            typeof(BatchSerializerTests.Order), typeof(BatchSerializerTests.Point), typeof((int, int, int, int, int)), typeof(Optional<int>), typeof((int, string)),
        ];
        foreach (var type in admitted)
        {
            AllowedTypes.Of(Here).Admit(type);
            AllowedTypes.Of(There).Admit(type);
        }
        var there = There.ActorOf(Props.Empty, "there");
        Actors =
        [
            Here.ActorOf(Props.Empty, "one"),
            Here.ActorOf(Props.Empty, "two"),
            Here.Provider.ResolveActorRef(there.Path.ToStringWithAddress(There.Provider.DefaultAddress)),
        ];
        return Task.CompletedTask;
    }

    /// <summary>The serializer the system binds to <paramref name="message"/>'s type.</summary>
    public Serializer SerializerOf(object message) => Here.Serialization.FindSerializerFor(message);

    /// <summary><paramref name="message"/> serialized here and read back, with the frame's size.</summary>
    public (T Message, int Bytes) RoundTrip<T>(T message) where T : notnull
    {
        var serializer = SerializerOf(message);
        var bytes = serializer.ToBinary(message);
        // A copy, as remoting makes: the frame is read on another node, not straight back.
        var back = Here.Serialization.Deserialize([.. bytes], serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, message));
        return ((T)back, bytes.Length);
    }

    public async Task DisposeAsync()
    {
        await Here.Terminate();
        await There.Terminate();
    }
}
