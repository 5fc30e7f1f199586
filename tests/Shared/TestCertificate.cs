using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AkkaDifferential.Tls;

/// <summary>
/// A self-signed certificate made at run time for 127.0.0.1 (ECDSA P-256, valid from a day ago to a day ahead), written
/// as a password-protected PKCS#12 file to a temporary path that <see cref="Dispose"/> removes: what docs/security.md
/// tells a user to make with <c>dotnet</c> or <c>openssl</c>. Linked into the test projects that run members with TLS.
/// </summary>
internal sealed class TestCertificate : IDisposable
{
    private TestCertificate(X509Certificate2 certificate, string path, string password)
    {
        Certificate = certificate;
        Path = path;
        Password = password;
    }

    /// <summary>The certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The PKCS#12 file.</summary>
    public string Path { get; }

    /// <summary>The file's password (random).</summary>
    public string Password { get; }

    /// <summary>The file and its password as a member's TLS.</summary>
    public RemotingTls Tls => new(Path, Password);

    /// <summary>Makes a certificate whose subject is <c>CN=<paramref name="name"/></c>, valid from <paramref name="notBefore"/> to <paramref name="notAfter"/> (a day either side of now by default).</summary>
    public static TestCertificate Create(string name, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var created = request.CreateSelfSigned(notBefore ?? DateTimeOffset.UtcNow.AddDays(-1), notAfter ?? DateTimeOffset.UtcNow.AddDays(1));
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"akka-differential-{Guid.NewGuid():N}.pfx");
        var pfx = created.Export(X509ContentType.Pfx, password);
        File.WriteAllBytes(path, pfx);
        return new TestCertificate(X509CertificateLoader.LoadPkcs12(pfx, password), path, password);
    }

    /// <summary>Removes the file.</summary>
    public void Dispose()
    {
        File.Delete(Path);
        Certificate.Dispose();
    }
}
