using System.Reflection;

namespace AkkaDifferential.Host.Tests.Surface;

/// <summary>
/// The whole public API is in one namespace, <c>AkkaDifferential</c>, whatever folder and assembly a type lives in:
/// a user needs one <c>using</c>. Everything else is internal.
/// </summary>
public sealed class PublicApiTests
{
    private static readonly string[] Shipped =
    [
        "AkkaDifferential.Progress", "AkkaDifferential.Arrangements", "AkkaDifferential.Runtime", "AkkaDifferential.Operators",
        "AkkaDifferential.Host", "AkkaDifferential.Streams", "AkkaDifferential.TestKit", "AkkaDifferential.Cluster",
    ];

    [Fact]
    public void Every_public_type_of_the_shipped_assemblies_is_in_the_AkkaDifferential_namespace()
    {
        var found = Directory.GetFiles(AppContext.BaseDirectory, "AkkaDifferential.*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => !name!.EndsWith(".Tests", StringComparison.Ordinal))
            .Order()
            .ToList();
        // Guards against a check that passes because it found nothing to check (or missed a new assembly).
        Assert.Equal(Shipped.Order(), found);

        var offenders = Shipped
            .SelectMany(name => Assembly.Load(name).GetExportedTypes())
            .Where(type => type.Namespace != "AkkaDifferential")
            .Select(type => $"{type.FullName} ({type.Assembly.GetName().Name})")
            .Order()
            .ToList();
        Assert.True(offenders.Count == 0, "Public types outside namespace AkkaDifferential (make them internal, or move them):\n" + string.Join("\n", offenders));
    }
}
