using Akka.Actor;
using Akka.Serialization;

namespace AkkaDifferential.Cluster.Wire;

/// <summary>
/// A member's serializer of values that have no serializer of their own (<c>System.Object</c> in config/wire.conf): a
/// deployment's arguments, an application's own messages between members. It takes the place of Akka's Hyperion
/// serializer, which loads and instantiates whatever type a frame names; this one, like the record columns of the
/// batch serializer, loads only the types the member's <see cref="AllowedTypes"/> admits, and refuses any other
/// before it is loaded, naming it. A frame read back in place (<see cref="ReadBack"/>: the local round trip of
/// <c>akka.actor.serialize-messages = on</c>, which Akka's own messages between local actors take too) is read without
/// the allowlist, and writing is not restricted, for the same round trip.
/// </summary>
internal sealed class ClosedHyperionSerializer(ExtendedActorSystem system) : Serializer(system)
{
    /// <summary>The serializer's identifier (config/wire.conf).</summary>
    public const int Id = 3107;

    private readonly RecordSerializer closed = new(system, AllowedTypes.Of(system));
    private readonly RecordSerializer local = new(system);

    /// <inheritdoc/>
    public override int Identifier => Id;

    /// <inheritdoc/>
    public override bool IncludeManifest => false;

    /// <inheritdoc/>
    public override byte[] ToBinary(object obj)
    {
        var writer = WireWriter.Rent();
        try
        {
            local.Serialize(obj, writer);
            var bytes = writer.ToArray();
            ReadBack.Written(bytes);
            return bytes;
        }
        finally
        {
            writer.Return();
        }
    }

    /// <inheritdoc/>
    public override object FromBinary(byte[] bytes, Type type)
    {
        var readBack = ReadBack.Is(bytes);
        using var stream = new MemoryStream(bytes, writable: false);
        return (readBack ? local : closed).Deserialize(stream);
    }
}
