using System.Diagnostics;
using AkkaDifferential.Host.Cluster;
using AkkaDifferential.Host.Examples;

namespace AkkaDifferential.Cluster.Tests;

/// <summary>
/// Three cluster members as separate processes of the Host (<see cref="LocalCluster"/>: <c>node --port P --seeds …</c>
/// on free loopback ports) with <c>serialize-messages = on</c>, and a driver member in the test process that hosts no
/// bucket: started once for the test classes of <see cref="ThreeMembers"/> (and once more for each class that has
/// them as its own fixture), killed in <see cref="DisposeAsync"/>. A test of its own set may kill a member with
/// SIGKILL (<see cref="Kill"/>) and have it replaced by a new process (<see cref="ReplaceKilledAsync"/>). With
/// <see cref="RemotingTls"/>, the members and the driver talk over TLS (<see cref="TlsMembers"/>).
/// </summary>
public sealed class MemberProcesses : IAsyncLifetime
{
    public const int Members = 3;

    /// <summary>The HOCON of the members and the driver.</summary>
    public const string TestConfig = "akka.actor.serialize-messages = on\nakka.loglevel = WARNING";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly RemotingTls? tls;
    private LocalCluster? cluster;

    /// <summary>Members without TLS.</summary>
    public MemberProcesses()
    {
    }

    /// <summary>Members and a driver with <paramref name="tls"/>.</summary>
    internal MemberProcesses(RemotingTls tls) => this.tls = tls;

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
        cluster = await LocalCluster.StartAsync(Members, TestConfig, StartTimeout, tls);
        Driver = await DifferentialCluster.StartMemberAsync(0, [Seed], hostsBuckets: false, TimeSpan.FromSeconds(60), TestConfig, tls);
        Definitions = ExampleDefinitions.Register(Driver);
        await AllUpAsync();
    }

    /// <summary>Kills the member at <paramref name="address"/> with SIGKILL, as a crash would, and waits for its process to end.</summary>
    public void Kill(string address) => cluster!.Kill(address);

    /// <summary>Starts new members for those killed, and waits until the driver sees <see cref="Members"/> workers up and nothing unreachable.</summary>
    public async Task ReplaceKilledAsync()
    {
        if (Addresses.Count < Members)
            await cluster!.AddAsync(Members - Addresses.Count, StartTimeout);
        await AllUpAsync();
    }

    /// <summary>The address of the oldest worker, which hosts the frontier singleton and the shard coordinator, as the driver sees the cluster.</summary>
    public string OldestWorker() =>
        Akka.Cluster.Cluster.Get(Driver.System).State.Members
            .Where(m => m.Status == Akka.Cluster.MemberStatus.Up && m.HasRole("worker"))
            .Aggregate((a, b) => a.IsOlderThan(b) ? a : b).Address.ToString();

    private async Task AllUpAsync()
    {
        var state = Akka.Cluster.Cluster.Get(Driver.System);
        var clock = Stopwatch.StartNew();
        while (DifferentialCluster.WorkersUp(Driver) != Members || !state.State.Unreachable.IsEmpty || state.State.Members.Any(m => m.Status != Akka.Cluster.MemberStatus.Up))
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

