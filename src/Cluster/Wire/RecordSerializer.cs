using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using Akka.Util;
using Hyperion;
using HyperionSerializer = Akka.Serialization.HyperionSerializer;

namespace AkkaDifferential.Cluster.Wire;

/// <summary>
/// The Hyperion serializer for users' record types (those without a column of their own) in the data batches of
/// the wire. It takes the member's <c>akka.actor.serialization-settings.hyperion</c> settings (surrogates, package
/// name overrides, unsafe types refused), with two differences: no version tolerance, since every member builds the
/// same plan from the same assembly (the deployment's fingerprint checks it), and actor references in records go
/// through Akka's surrogate as with Akka's own Hyperion serializer. The wire's serializers give it the member's
/// <see cref="AllowedTypes"/> as its type filter, so that it loads no type a frame names unless it was admitted.
/// </summary>
internal sealed class RecordSerializer
{
    private readonly Hyperion.Serializer serializer;

    /// <summary>
    /// A serializer configured from <paramref name="system"/>'s settings, loading only the types
    /// <paramref name="filter"/> allows (unsafe types are refused whatever the settings say), or, without one, those
    /// the settings allow.
    /// </summary>
    public RecordSerializer(ExtendedActorSystem system, ITypeFilter? filter = null)
    {
        const string Path = "akka.actor.serialization-settings.hyperion";
        var defaults = HyperionSerializer.DefaultConfiguration().GetConfig(Path);
        var section = system.Settings.Config.GetConfig(Path);
        var settings = HyperionSerializerSettings.Create(section.IsNullOrEmpty() ? defaults : section.WithFallback(defaults));
        var surrogates = settings.Surrogates.Append(Surrogate.Create<ISurrogated, ISurrogate>(from => from.ToSurrogate(system), to => to.FromSurrogate(system)));
        serializer = new Hyperion.Serializer(new SerializerOptions(
            versionTolerance: false,
            preserveObjectReferences: settings.PreserveObjectReferences,
            surrogates: surrogates,
            serializerFactories: null,
            knownTypes: null,
            ignoreISerializable: true,
            packageNameOverrides: settings.PackageNameOverrides,
            disallowUnsafeTypes: filter is not null || settings.DisallowUnsafeType,
            typeFilter: filter ?? settings.TypeFilter));
    }

    /// <summary>Appends <paramref name="value"/> to <paramref name="writer"/>.</summary>
    public void Serialize(object value, WireWriter writer) => serializer.Serialize(value, writer.AsStream());

    /// <summary>Reads one value from <paramref name="stream"/>.</summary>
    public object Deserialize(Stream stream) => serializer.Deserialize<object>(stream);
}
