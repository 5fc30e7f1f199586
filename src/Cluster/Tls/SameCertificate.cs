using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using Akka.Remote.Transport.DotNetty;

namespace AkkaDifferential.Cluster.Tls;

/// <summary>
/// The check a member makes of the certificate its peer presents in a TLS handshake, both when it connects and when it
/// is connected to: the peer's certificate must be the member's own (equal SHA-256 hashes of the encoded
/// certificates). A TLS handshake proves that the peer holds the private key of the certificate it presents, so a
/// peer passes only if it holds the cluster's key. The chain, the dates and the host name that the TLS stack reports
/// in <see cref="SslPolicyErrors"/> are not consulted: a self-signed certificate has no chain to a trusted root, and
/// members connect by IP address.
/// </summary>
internal static class SameCertificate
{
    /// <summary>The transport's setup: mutual authentication, the peer checked against <paramref name="own"/>, no host name check.</summary>
    public static DotNettySslSetup Setup(X509Certificate2 own) =>
        new(own, suppressValidation: false, requireMutualAuthentication: true, validateCertificateHostname: false, Validator(own));

    /// <summary>Accepts a peer certificate equal to <paramref name="own"/>; logs and refuses any other, or none.</summary>
    public static CertificateValidationCallback Validator(X509Certificate2 own)
    {
        var expected = own.GetCertHash(HashAlgorithmName.SHA256);
        return (peer, _, remote, _, log) =>
        {
            if (peer is null)
            {
                log.Warning("TLS peer {0} refused: it presented no certificate, and a member accepts only its own.", remote);
                return false;
            }
            if (CryptographicOperations.FixedTimeEquals(peer.GetCertHash(HashAlgorithmName.SHA256), expected))
                return true;
            log.Warning("TLS peer {0} refused: it presented certificate '{1}' (SHA-256 {2}), not this member's '{3}' (SHA-256 {4}).",
                remote, peer.Subject, peer.GetCertHashString(HashAlgorithmName.SHA256), own.Subject, Convert.ToHexString(expected));
            return false;
        };
    }
}
