using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Akka.Actor;
using AkkaDifferential.Cluster.Wire;
using AkkaDifferential.Host.Examples;
using AkkaDifferential.Tls;
using Xunit.Abstractions;

namespace AkkaDifferential.Cluster.Tests.Tls;

/// <summary>
/// Remoting over TLS on three member processes and a driver that share a self-signed certificate
/// (<see cref="TlsMembers"/>): a dataflow runs across them with the output of the embedded run; a member's port
/// answers a TLS handshake with that certificate and plaintext with nothing but a TLS alert; a member without TLS, and
/// members with another certificate of the same name (one of which accepts any certificate), never join, and the
/// members log the failed handshakes and the certificate they refused.
/// </summary>
public sealed class TlsClusterTests(TlsMembers members, ITestOutputHelper output) : IClassFixture<TlsMembers>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RefusedJoin = TimeSpan.FromSeconds(8);
    private const string RejectedLine = "due to TLS handshake failure";
    private readonly MemberProcesses cluster = members.Cluster;

    [Fact]
    public async Task Every_round_of_degrees_over_TLS_equals_the_embedded_run_and_batches_cross_members()
    {
        Assert.All(cluster.Addresses, address => Assert.StartsWith("akka.ssl.tcp://", address, StringComparison.Ordinal));
        Assert.Equal("akka.ssl.tcp", Akka.Cluster.Cluster.Get(cluster.Driver.System).SelfAddress.Protocol);
        var options = new GraphOptions(Nodes: 300, EdgeCount: 900, Seed: 11, Rounds: 3, ChangesPerRound: 6, Buckets: 6);
        var input = GraphInput.Load(options);
        var embedded = new List<RoundReport>();
        await GraphRounds.RunAsync("degrees", input, options, ExampleDefinitions.Degrees, TextWriter.Null, TextWriter.Null, embedded.Add);

        var before = await Traffic();
        var clustered = new List<RoundReport>();
        await using (var dataflow = await cluster.Driver.DeployAsync(cluster.Definitions["degrees"], 0, options.Buckets))
            await GraphRounds.RunAsync(dataflow, input, options, TextWriter.Null, TextWriter.Null, clustered.Add);

        Assert.Equal(options.Rounds + 1, clustered.Count);
        Assert.Equal(embedded.Select(r => r.Result), clustered.Select(r => r.Result));
        Assert.Equal(
            embedded.Select(r => r.OutputChanges.Select(u => (u.Data, u.Time, u.Diff)).ToList()),
            clustered.Select(r => r.OutputChanges.Select(u => (u.Data, u.Time, u.Diff)).ToList()));
        Assert.NotEmpty(embedded[^1].Result);
        var after = await Traffic();
        foreach (var member in cluster.Addresses)
            Assert.True(after[member].Received.Batches > before[member].Received.Batches, $"{member} received no batch from another node: {after[member]}");
    }

    [Fact]
    public async Task A_member_s_port_completes_a_TLS_handshake_with_the_cluster_certificate_and_answers_plaintext_with_a_TLS_alert_at_most()
    {
        var port = Address.Parse(cluster.Addresses[0]).Port!.Value;
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync("127.0.0.1", port);
            X509Certificate2? presented = null;
            await using var tls = new SslStream(tcp.GetStream());
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "127.0.0.1",
                ClientCertificates = [members.Certificate.Certificate],
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    presented = certificate is null ? null : new X509Certificate2(certificate);
                    return true;
                },
            }).WaitAsync(Timeout);
            Assert.True(tls.IsAuthenticated && tls.IsEncrypted);
            Assert.True(tls.SslProtocol is SslProtocols.Tls12 or SslProtocols.Tls13, $"negotiated {tls.SslProtocol}");
            output.WriteLine($"negotiated {tls.SslProtocol}, {tls.NegotiatedCipherSuite}, mutually authenticated: {tls.IsMutuallyAuthenticated}");
            Assert.NotNull(presented);
            Assert.Equal(members.Certificate.Certificate.GetCertHashString(HashAlgorithmName.SHA256), presented.GetCertHashString(HashAlgorithmName.SHA256));
        }

        // Plaintext of Akka's framing (a length prefix, then a payload naming an Akka address) is not read as a frame:
        // the member answers with a TLS alert record (content type 21) at most, and closes the connection.
        var seen = Rejections();
        using (var plain = new TcpClient())
        {
            await plain.ConnectAsync("127.0.0.1", port);
            var payload = Encoding.ASCII.GetBytes($"akka.tcp://{DifferentialCluster.SystemName}@127.0.0.1:1/user/x");
            var frame = new byte[4 + payload.Length];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(frame, payload.Length);
            payload.CopyTo(frame, 4);
            var stream = plain.GetStream();
            await stream.WriteAsync(frame);
            var answer = new MemoryStream();
            var buffer = new byte[4096];
            int read;
            while ((read = await ReadOrReset(stream, buffer).WaitAsync(Timeout)) > 0)
                answer.Write(buffer, 0, read);
            var bytes = answer.ToArray();
            output.WriteLine($"the member answered plaintext with {bytes.Length} bytes: {Convert.ToHexString(bytes)}");
            Assert.True(bytes.Length == 0 || (bytes[0] == 21 && bytes[1] == 3), $"the member answered plaintext with {Convert.ToHexString(bytes)}");
        }
        await NewRejectionAsync(seen);
    }

    [Fact]
    public async Task A_member_without_TLS_never_joins_and_the_members_log_the_failed_handshake()
    {
        var seen = Rejections();
        await NeverJoinsAsync(null);
        await NewRejectionAsync(seen);
        AllMembersStillUp();
    }

    [Fact]
    public async Task Members_with_another_certificate_of_the_same_name_never_join_even_when_they_accept_any_certificate()
    {
        using var other = TestCertificate.Create("akka-differential members");
        Assert.Equal(members.Certificate.Certificate.Subject, other.Certificate.Subject);
        var seen = Rejections();
        // One checks its peers as members do, and refuses the seed's certificate itself; the other is Akka's own TLS
        // with suppress-validation (it accepts any certificate), so that only the members' check of it can refuse it.
        var anyCertificate = $$"""
            akka.remote.dot-netty.tcp {
              enable-ssl = on
              ssl {
                certificate { path = "{{other.Path}}", password = "{{other.Password}}" }
                suppress-validation = on
              }
            }
            """;
        await Task.WhenAll(NeverJoinsAsync(other.Tls), NeverJoinsAsync(null, anyCertificate));
        await NewRejectionAsync(seen);
        var hash = other.Certificate.GetCertHashString(HashAlgorithmName.SHA256);
        var clock = Stopwatch.StartNew();
        while (!cluster.Log().Contains($"refused: it presented certificate '{other.Certificate.Subject}' (SHA-256 {hash})", StringComparison.Ordinal))
        {
            Assert.True(clock.Elapsed < Timeout, $"no member logged that it refused the certificate {hash}:\n{cluster.Log()}");
            await Task.Delay(50);
        }
        AllMembersStillUp();
    }

    /// <summary>
    /// Starts a member in this process with <paramref name="tls"/> and <paramref name="hocon"/> over the test's
    /// configuration, which must not be up within <see cref="RefusedJoin"/>; one that is leaves again.
    /// </summary>
    private async Task NeverJoinsAsync(RemotingTls? tls, string hocon = "")
    {
        DifferentialEngine joined;
        try
        {
            joined = await DifferentialCluster.StartMemberAsync(0, [cluster.Seed], hostsBuckets: false, RefusedJoin, $"{hocon}\n{MemberProcesses.TestConfig}", tls);
        }
        catch (TimeoutException refused)
        {
            Assert.Contains("could not join the cluster", refused.Message, StringComparison.Ordinal);
            return;
        }
        await Akka.Cluster.Cluster.Get(joined.System).LeaveAsync();
        await joined.DisposeAsync();
        Assert.Fail($"A member with {(tls is null ? "no TLS of ours" : $"the certificate {tls.CertificatePath}")} and '{hocon}' joined the cluster of TLS members.");
    }

    /// <summary>The driver sees the three workers and itself up, and no one else.</summary>
    private void AllMembersStillUp()
    {
        var state = Akka.Cluster.Cluster.Get(cluster.Driver.System).State;
        Assert.Equal(MemberProcesses.Members, DifferentialCluster.WorkersUp(cluster.Driver));
        Assert.Equal(MemberProcesses.Members + 1, state.Members.Count);
        Assert.Empty(state.Unreachable);
    }

    /// <summary>The lines of the members' output so far that log a connection rejected for a failed TLS handshake.</summary>
    private HashSet<string> Rejections() =>
        [.. cluster.Log().Split('\n').Where(line => line.Contains(RejectedLine, StringComparison.Ordinal))];

    /// <summary>Waits for a line that logs a rejected handshake and is not in <paramref name="seen"/>.</summary>
    private async Task NewRejectionAsync(HashSet<string> seen)
    {
        var clock = Stopwatch.StartNew();
        while (!Rejections().Except(seen).Any())
        {
            Assert.True(clock.Elapsed < Timeout, $"no member logged a rejected TLS handshake within {Timeout.TotalSeconds} s:\n{cluster.Log()}");
            await Task.Delay(50);
        }
        output.WriteLine(string.Join("\n", Rejections().Except(seen)));
    }

    /// <summary>Reads into <paramref name="buffer"/>; a connection reset by the member reads as its end.</summary>
    private static async Task<int> ReadOrReset(NetworkStream stream, byte[] buffer)
    {
        try
        {
            return await stream.ReadAsync(buffer);
        }
        catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
        {
            return 0;
        }
    }

    private async Task<Dictionary<string, WireTraffic>> Traffic()
    {
        var traffic = new Dictionary<string, WireTraffic>();
        foreach (var member in cluster.Addresses)
            traffic[member] = await DifferentialCluster.TrafficAsync(cluster.Driver, member);
        return traffic;
    }
}
