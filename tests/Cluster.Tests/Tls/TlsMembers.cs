using AkkaDifferential.Tls;

namespace AkkaDifferential.Cluster.Tests.Tls;

/// <summary>
/// Three member processes and a driver that talk over TLS with a self-signed certificate made for the test class
/// (<see cref="TestCertificate"/>, removed with the cluster): started once for the class that has it as its fixture.
/// </summary>
public sealed class TlsMembers : IAsyncLifetime
{
    private TestCertificate? certificate;

    /// <summary>The certificate every member and the driver present.</summary>
    internal TestCertificate Certificate => certificate!;

    /// <summary>The members and the driver.</summary>
    public MemberProcesses Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        certificate = TestCertificate.Create("akka-differential members");
        Cluster = new MemberProcesses(certificate.Tls);
        await Cluster.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
            await Cluster.DisposeAsync();
        certificate?.Dispose();
    }
}
