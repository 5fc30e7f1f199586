using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using AkkaDifferential.Runtime.Wire;

namespace AkkaDifferential.Cluster.Wire;

/// <summary>
/// The serializer bound to <see cref="ILocalOnly"/> messages: it refuses every one, naming its type, so that a
/// message that holds a trace by reference or belongs to one node's actors fails loudly when it is sent to an actor on
/// another node (Akka's remoting logs the refusal as an error and drops the message) instead of travelling as a copy.
/// It refuses to read, too: no frame of it can come from a member running this code.
/// </summary>
internal sealed class LocalOnlySerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>The serializer's identifier (config/wire.conf).</summary>
    public const int Id = 3105;

    /// <inheritdoc/>
    public override int Identifier => Id;

    /// <inheritdoc/>
    public override string Manifest(object o) => o.GetType().Name;

    /// <inheritdoc/>
    public override byte[] ToBinary(object obj) =>
        throw new SerializationException(
            $"{obj.GetType()} never crosses nodes: it holds in-memory state by reference (a trace's batches) or passes between " +
            "actors of one node, and was sent to an actor on another node. Send it only to actors on its own node.");

    /// <inheritdoc/>
    public override object FromBinary(byte[] bytes, string manifest) =>
        throw new SerializationException($"A frame claims to hold a {manifest}, a message that never crosses nodes: refused.");
}
