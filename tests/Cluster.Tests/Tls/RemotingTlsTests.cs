using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Akka.Configuration;
using Akka.Event;
using AkkaDifferential.Cluster.Tls;
using AkkaDifferential.Host.Cluster;
using AkkaDifferential.Tls;

namespace AkkaDifferential.Cluster.Tests.Tls;

/// <summary>
/// A member's TLS certificate is read before anything starts, and one that cannot serve is refused with the setting
/// and the file named: missing, not PKCS#12, the wrong password, no private key, out of its dates; from the command
/// line the error names the environment variable (exit code 2, one line). A member accepts as its peer's certificate
/// only its own, whatever errors of chain or name the TLS stack reports.
/// </summary>
public sealed class RemotingTlsTests : IDisposable
{
    private readonly TestCertificate certificate = TestCertificate.Create("akka-differential members");
    private readonly List<string> files = [];

    [Fact]
    public void A_valid_certificate_loads_with_its_private_key()
    {
        using var loaded = certificate.Tls.Load();
        Assert.True(loaded.HasPrivateKey);
        Assert.Equal(certificate.Certificate.Thumbprint, loaded.Thumbprint);
    }

    [Fact]
    public void A_missing_file_is_refused_naming_the_setting_and_the_file()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"akka-differential-missing-{Guid.NewGuid():N}.pfx");
        var refused = Assert.Throws<ConfigurationException>(() => new RemotingTls(missing, "x").Load());
        Assert.Equal($"The TLS certificate '{missing}' (RemotingTls.CertificatePath) does not exist: name the member's PKCS#12 (.pfx) certificate file.", refused.Message);
    }

    [Fact]
    public void An_empty_path_is_refused_naming_the_setting()
    {
        var refused = Assert.Throws<ConfigurationException>(() => new RemotingTls(" ", null).Load());
        Assert.Contains("(RemotingTls.CertificatePath) is empty", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_PKCS12_is_refused_naming_the_setting_and_the_file()
    {
        var garbage = File("not a certificate"u8.ToArray());
        var refused = Assert.Throws<ConfigurationException>(() => new RemotingTls(garbage, certificate.Password).Load());
        Assert.StartsWith($"The TLS certificate '{garbage}' (RemotingTls.CertificatePath) cannot be read as PKCS#12 (.pfx) with the password of RemotingTls.Password", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_wrong_password_is_refused_naming_both_settings_and_the_file()
    {
        var refused = Assert.Throws<ConfigurationException>(() => new RemotingTls(certificate.Path, "wrong").Load());
        Assert.StartsWith($"The TLS certificate '{certificate.Path}' (RemotingTls.CertificatePath) cannot be read as PKCS#12 (.pfx) with the password of RemotingTls.Password", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_without_its_private_key_is_refused()
    {
        using var publicOnly = X509CertificateLoader.LoadCertificate(certificate.Certificate.RawData);
        var file = File(new X509Certificate2Collection(publicOnly).Export(X509ContentType.Pfx, "pw")!);
        var refused = Assert.Throws<ConfigurationException>(() => new RemotingTls(file, "pw").Load());
        Assert.Equal($"The TLS certificate '{file}' (RemotingTls.CertificatePath) holds no private key: export the certificate with its private key (a .pfx), not the certificate alone.", refused.Message);
    }

    [Fact]
    public void An_expired_certificate_is_refused_with_its_dates()
    {
        using var expired = TestCertificate.Create("expired", DateTimeOffset.UtcNow.AddDays(-3), DateTimeOffset.UtcNow.AddDays(-1));
        var refused = Assert.Throws<ConfigurationException>(() => expired.Tls.Load());
        Assert.Contains($"The TLS certificate '{expired.Path}' (RemotingTls.CertificatePath) is valid from", refused.Message, StringComparison.Ordinal);
        Assert.Contains("not now", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_with_a_certificate_that_cannot_serve_is_refused_before_it_starts()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"akka-differential-missing-{Guid.NewGuid():N}.pfx");
        var refused = await Assert.ThrowsAsync<ConfigurationException>(() =>
            DifferentialCluster.StartMemberAsync(0, ["127.0.0.1:1"], hostsBuckets: true, TimeSpan.FromSeconds(1), tls: new RemotingTls(missing, null)));
        Assert.Contains($"'{missing}' (RemotingTls.CertificatePath) does not exist", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_node_command_names_the_environment_variable_and_the_file_of_a_bad_certificate()
    {
        var garbage = File("not a certificate"u8.ToArray());
        var start = HostProcess.StartInfo(["node", "--port", "0", "--seeds", "127.0.0.1:1"], redirectError: true);
        start.Environment[RemotingTls.CertificateVariable] = garbage;
        start.Environment[RemotingTls.PasswordVariable] = "secret";
        using var node = System.Diagnostics.Process.Start(start)!;
        var errors = node.StandardError.ReadToEndAsync();
        var output = node.StandardOutput.ReadToEndAsync();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(2, node.ExitCode);
        var line = Assert.Single((await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: The TLS certificate '{garbage}' (AKKA_DIFFERENTIAL_TLS_CERTIFICATE) cannot be read as PKCS#12 (.pfx) with the password of AKKA_DIFFERENTIAL_TLS_PASSWORD", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", line, StringComparison.Ordinal);
        Assert.Empty(await output);
    }

    [Fact]
    public void A_peer_passes_only_with_the_member_s_own_certificate_whatever_the_chain_and_name_errors()
    {
        var check = SameCertificate.Validator(certificate.Certificate);
        using var same = X509CertificateLoader.LoadCertificate(certificate.Certificate.RawData);
        using var other = TestCertificate.Create("akka-differential members");
        const SslPolicyErrors selfSigned = SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch;

        Assert.True(check(same, null, "peer", selfSigned, NoLogger.Instance));
        Assert.True(check(same, null, "peer", SslPolicyErrors.None, NoLogger.Instance));
        Assert.False(check(other.Certificate, null, "peer", selfSigned, NoLogger.Instance));
        Assert.False(check(other.Certificate, null, "peer", SslPolicyErrors.None, NoLogger.Instance));
        Assert.False(check(null, null, "peer", SslPolicyErrors.RemoteCertificateNotAvailable, NoLogger.Instance));
    }

    private string File(byte[] content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"akka-differential-{Guid.NewGuid():N}.pfx");
        System.IO.File.WriteAllBytes(path, content);
        files.Add(path);
        return path;
    }

    public void Dispose()
    {
        certificate.Dispose();
        foreach (var file in files)
            System.IO.File.Delete(file);
    }
}
