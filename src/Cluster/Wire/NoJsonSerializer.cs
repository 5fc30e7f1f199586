using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace AkkaDifferential.Cluster.Wire;

/// <summary>
/// Takes the place of Akka's Newtonsoft JSON serializer (<c>json</c> in Akka's defaults), which instantiates whatever
/// type a frame's manifest names. A member binds nothing to it, so its identifier is this one's and a frame that asks
/// for Akka's JSON serializer by its identifier finds no serializer and is refused; a type that some configuration
/// binds to <c>json</c> is refused here, naming it, in both directions (config/wire.conf, docs/security.md).
/// </summary>
internal sealed class NoJsonSerializer : Serializer
{
    /// <summary>Created by Akka from the binding in config/wire.conf.</summary>
    public NoJsonSerializer(ExtendedActorSystem system) : base(system)
    {
    }

    /// <summary>Created by Akka, which passes the settings of <c>json</c> (<c>akka.actor.serialization-settings.json</c>), unused.</summary>
    public NoJsonSerializer(ExtendedActorSystem system, Akka.Configuration.Config settings) : base(system)
    {
    }

    /// <summary>The serializer's identifier (config/wire.conf).</summary>
    public const int Id = 3108;

    /// <inheritdoc/>
    public override int Identifier => Id;

    /// <inheritdoc/>
    public override bool IncludeManifest => true;

    /// <inheritdoc/>
    public override byte[] ToBinary(object obj) =>
        throw new SerializationException($"{obj.GetType()} is bound to the JSON serializer, which the closed wire of a member does not have: bind it to a serializer of its own (docs/security.md).");

    /// <inheritdoc/>
    public override object FromBinary(byte[] bytes, Type type) =>
        throw new SerializationException($"A frame asks the JSON serializer for a {type}: the closed wire of a member does not read JSON, refused (docs/security.md).");
}
