using System.Diagnostics;
using AkkaDifferential.Host.Cluster;
using AkkaDifferential.Host.Examples;

namespace AkkaDifferential.Cluster.Tests;

/// <summary>
/// Three cluster members as separate processes of the Host (<see cref="LocalCluster"/>: <c>node --port P --seeds …</c>
/// on free loopback ports) with <c>serialize-messages = on</c>, and a driver member in the test process that hosts no
/// bucket: started once for the test classes of <see cref="ThreeMembers"/>, killed in <see cref="DisposeAsync"/>.
/// </summary>
public sealed class MemberProcesses : IAsyncLifetime
{
    public const int Members = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private const string TestConfig = "akka.actor.serialize-messages = on\nakka.loglevel = WARNING";
    private LocalCluster? cluster;

    /// <summary>The driver: a member of the cluster that deploys by name and keeps the handles.</summary>
    public DifferentialEngine Driver { get; private set; } = null!;

    /// <summary>The definitions registered on the driver (the members registered the same ones).</summary>
    internal ExampleDefinitions.Definitions Definitions { get; private set; } = null!;

    /// <summary>The members' addresses, as they printed them.</summary>
    public IReadOnlyList<string> Addresses => cluster!.Addresses;

    /// <summary>The seed member as <c>127.0.0.1:port</c>, what <c>--cluster</c> takes.</summary>
    public string Seed => cluster!.Seed;

    public async Task InitializeAsync()
    {
        cluster = await LocalCluster.StartAsync(Members, TestConfig, StartTimeout);
        Driver = await DifferentialCluster.StartMemberAsync(0, [Seed], hostsBuckets: false, TimeSpan.FromSeconds(60), TestConfig);
        Definitions = ExampleDefinitions.Register(Driver);
        var clock = Stopwatch.StartNew();
        while (DifferentialCluster.WorkersUp(Driver) < Members)
        {
            if (clock.Elapsed > StartTimeout)
                throw new TimeoutException($"The driver sees {DifferentialCluster.WorkersUp(Driver)} workers up, not {Members}:\n{Log()}");
            await Task.Delay(100);
        }
    }

    /// <summary>What the members printed, for failure messages.</summary>
    public string Log() => cluster?.Log() ?? "";

    public async Task DisposeAsync()
    {
        if (Driver is not null)
            await Driver.DisposeAsync();
        if (cluster is not null)
            await cluster.DisposeAsync();
    }
}

