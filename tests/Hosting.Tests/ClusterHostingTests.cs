using System.Net;
using System.Net.Sockets;
using AkkaDifferential.Tls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AkkaDifferential.Hosting.Tests;

/// <summary>
/// Hosts as members of a real cluster on 127.0.0.1 (remoting, sharding, the frontier singleton, serialize-messages =
/// on): a worker host and a driver host in this process, the driver hosting the dataflow whose buckets live on the
/// worker. Both names are <see cref="DifferentialCluster.SystemName"/>, as members of one cluster must share it.
/// </summary>
public sealed class ClusterHostingTests
{
    private const string TestConfig = "akka.actor.serialize-messages = on";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_driver_host_runs_its_hosted_dataflow_on_a_worker_host(bool tls)
    {
        using var certificate = tls ? TestCertificate.Create("akka-differential hosts") : null;
        var port = TestHosts.FreePort();
        string[] seeds = [$"127.0.0.1:{port}"];
        using var worker = TestHosts.Build(DifferentialCluster.SystemName, dataflows =>
        {
            dataflows.Hocon = TestConfig;
            dataflows.AsClusterMember(new ClusterMemberOptions { Port = port, Seeds = seeds, JoinTimeout = TestHosts.Timeout, Tls = certificate?.Tls });
            dataflows.Register<long, int, Totals>(Totals.Name, Totals.Build);
        });
        await worker.StartAsync(TestContext.Current.CancellationToken);
        using var driver = TestHosts.Build(DifferentialCluster.SystemName, dataflows =>
        {
            dataflows.Hocon = TestConfig;
            dataflows.AsClusterMember(new ClusterMemberOptions { Seeds = seeds, HostsBuckets = false, JoinTimeout = TestHosts.Timeout, Tls = certificate?.Tls });
            TestHosts.HostTotals(dataflows, buckets: 3);
        });
        await driver.StartAsync(TestContext.Current.CancellationToken);

        var dataflow = driver.Services.GetRequiredService<HostedDataflows>().Get<Totals>(Totals.Name);
        var workerAddress = Akka.Cluster.Cluster.Get(worker.Services.GetRequiredService<Akka.Actor.ActorSystem>()).SelfAddress;
        Assert.Equal(port, workerAddress.Port);
        Assert.Equal(tls ? "akka.ssl.tcp" : "akka.tcp", workerAddress.Protocol);
        Assert.Equal(1, DifferentialCluster.WorkersUp(driver.Services.GetRequiredService<DifferentialEngine>()));
        await dataflow.Handles.CheckRoundsAsync(seed: 3, rounds: 5, TestHosts.Timeout);

        await driver.StopAsync(TestContext.Current.CancellationToken);
        Assert.True(dataflow.Completion.IsCompletedSuccessfully);
        await worker.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_member_that_cannot_join_fails_the_start_naming_the_seed()
    {
        var nobody = TestHosts.FreePort();
        using var host = TestHosts.Build("lonely", dataflows =>
            dataflows.AsClusterMember(new ClusterMemberOptions { Seeds = [$"127.0.0.1:{nobody}"], JoinTimeout = TimeSpan.FromSeconds(2) }));
        var error = await Assert.ThrowsAsync<TimeoutException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains($"could not join the cluster through seeds akka.tcp://lonely@127.0.0.1:{nobody} within 2 s", error.Message);
    }

    [Fact]
    public async Task A_member_whose_TLS_certificate_is_missing_fails_the_start_naming_the_setting_and_the_file()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"akka-differential-missing-{Guid.NewGuid():N}.pfx");
        using var host = TestHosts.Build("insecure", dataflows =>
            dataflows.AsClusterMember(new ClusterMemberOptions { Seeds = ["127.0.0.1:1"], Tls = new RemotingTls(missing, "pw") }));
        var error = await Assert.ThrowsAsync<Akka.Configuration.ConfigurationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains($"The TLS certificate '{missing}' (RemotingTls.CertificatePath) does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_fails_the_start_naming_it()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            using var host = TestHosts.Build("busy", dataflows =>
                dataflows.AsClusterMember(new ClusterMemberOptions { Port = port, Seeds = [$"127.0.0.1:{port}"] }));
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
            Assert.StartsWith($"Port {port} on 127.0.0.1 is in use", error.Message);
        }
        finally
        {
            listener.Stop();
        }
    }
}
