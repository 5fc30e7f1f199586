using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Configuration;

namespace AkkaDifferential;

/// <summary>
/// TLS for the remoting of a cluster member (Akka.Remote's DotNetty TCP transport with <c>enable-ssl</c>): every
/// connection between members is a TLS session in which both ends present a certificate (mutual authentication), and
/// each end accepts the other's only when it is <em>this member's own certificate</em> (the same one, compared by its
/// SHA-256 hash): members share one certificate and its private key, which is what admits a process to the cluster.
/// The certificate's chain, dates and host name are not checked during the handshake (a self-signed certificate
/// serves); its dates are checked when the member starts. docs/security.md says how to make one and what this
/// protects.
/// </summary>
/// <param name="CertificatePath">A PKCS#12 (<c>.pfx</c>, <c>.p12</c>) file with the certificate and its private key.</param>
/// <param name="Password">The file's password; null or empty for a file without one.</param>
public sealed record RemotingTls(string CertificatePath, string? Password)
{
    /// <summary>The environment variable the command line reads the certificate file from (<see cref="FromEnvironment"/>).</summary>
    public const string CertificateVariable = "AKKA_DIFFERENTIAL_TLS_CERTIFICATE";

    /// <summary>The environment variable the command line reads the certificate's password from.</summary>
    public const string PasswordVariable = "AKKA_DIFFERENTIAL_TLS_PASSWORD";

    /// <summary>The name of the setting that gave <see cref="CertificatePath"/>, for error messages.</summary>
    internal string CertificateSetting { get; init; } = $"{nameof(RemotingTls)}.{nameof(CertificatePath)}";

    /// <summary>The name of the setting that gave <see cref="Password"/>, for error messages.</summary>
    internal string PasswordSetting { get; init; } = $"{nameof(RemotingTls)}.{nameof(Password)}";

    /// <summary>
    /// TLS from the environment: the file <see cref="CertificateVariable"/> names and the password in
    /// <see cref="PasswordVariable"/> (a password on the command line would be visible to every user of the machine),
    /// or null when <see cref="CertificateVariable"/> is unset or empty.
    /// </summary>
    /// <exception cref="ConfigurationException">The password is set but the certificate is not.</exception>
    public static RemotingTls? FromEnvironment()
    {
        var path = Environment.GetEnvironmentVariable(CertificateVariable);
        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(path))
            return string.IsNullOrEmpty(password)
                ? null
                : throw new ConfigurationException($"{PasswordVariable} is set but {CertificateVariable} is not: set {CertificateVariable} to the member's PKCS#12 (.pfx) certificate file to turn TLS on.");
        return new RemotingTls(path, password) { CertificateSetting = CertificateVariable, PasswordSetting = PasswordVariable };
    }

    /// <summary>Reads the certificate, refusing one that cannot serve a member, with the setting and the file named.</summary>
    /// <exception cref="ConfigurationException">
    /// The file is missing or unreadable, is not PKCS#12 or not with this password, holds no private key, or the
    /// certificate is expired or not yet valid.
    /// </exception>
    internal X509Certificate2 Load()
    {
        var what = $"The TLS certificate '{CertificatePath}' ({CertificateSetting})";
        if (string.IsNullOrWhiteSpace(CertificatePath))
            throw new ConfigurationException($"The TLS certificate file ({CertificateSetting}) is empty: name the member's PKCS#12 (.pfx) certificate file.");
        if (!File.Exists(CertificatePath))
            throw new ConfigurationException($"{what} does not exist: name the member's PKCS#12 (.pfx) certificate file.");
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, Password, X509KeyStorageFlags.DefaultKeySet);
        }
        catch (CryptographicException ex)
        {
            throw new ConfigurationException(
                $"{what} cannot be read as PKCS#12 (.pfx) with the password of {PasswordSetting}: {ex.Message.TrimEnd('.')}. " +
                "It must hold the certificate and its private key, exported with that password.", ex);
        }
        catch (IOException ex)
        {
            throw new ConfigurationException($"{what} cannot be read: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new ConfigurationException($"{what} cannot be read: {ex.Message}", ex);
        }
        if (!certificate.HasPrivateKey)
            throw new ConfigurationException($"{what} holds no private key: export the certificate with its private key (a .pfx), not the certificate alone.");
        var now = DateTime.UtcNow;
        var (from, to) = (certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime());
        if (now > to || now < from)
            throw new ConfigurationException($"{what} is valid from {from:u} to {to:u}, not now ({now:u}): make a new one.");
        return certificate;
    }
}
