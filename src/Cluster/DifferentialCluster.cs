using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using AkkaDifferential.Cluster;
using AkkaDifferential.Cluster.Tls;
using AkkaDifferential.Cluster.Wire;
using AkkaDifferential.Operators.Configuration;
using AkkaDifferential.Operators.Dataflows;
using AkkaDifferential.Operators.Runtime;

namespace AkkaDifferential;

/// <summary>
/// Starts an engine as a member of an Akka.NET cluster on 127.0.0.1. A worker member hosts buckets (sharded
/// entities, bucket <c>b</c> of every dataflow on the <c>(b mod N)</c>-th worker in address order) and may host the
/// frontier singleton; a driver member (<c>hostsBuckets: false</c>) only deploys and keeps its dataflows' handles.
/// Every member registers the same definitions (<see cref="DifferentialEngine.Register{TTime, TArgs, THandles}"/>);
/// a dataflow deployed by name runs its buckets on the workers. A dataflow built from a lambda
/// (<see cref="DifferentialEngine.BuildAsync{TTime, THandles}"/>) runs all its buckets on the driver's node.
/// </summary>
public static class DifferentialCluster
{
    /// <summary>The actor system name every member shares.</summary>
    public const string SystemName = "akka-differential";

    /// <summary>Remoting's switch for TLS; its addresses are <c>akka.ssl.tcp://…</c> when on.</summary>
    private const string TlsEnabled = "akka.remote.dot-netty.tcp.enable-ssl";

    /// <summary>
    /// Starts a member listening on 127.0.0.1:<paramref name="port"/> and joining <paramref name="seeds"/> (host:port;
    /// a first member lists itself), and waits until it is up.
    /// </summary>
    /// <param name="port">The member's port; 0 for any free one.</param>
    /// <param name="seeds">Seed members as <c>host:port</c>.</param>
    /// <param name="hostsBuckets">True for a worker; false for a driver that hosts no bucket.</param>
    /// <param name="joinTimeout">How long to wait for the member to be up in the cluster.</param>
    /// <param name="hocon">Overrides of config/cluster.conf and config/akka-differential.conf.</param>
    /// <param name="tls">
    /// TLS for the member's remoting (<see cref="RemotingTls"/>), or null for none; every member of a cluster has it or
    /// none has: a member without it cannot join members with it.
    /// </param>
    /// <exception cref="ArgumentException">A seed is not <c>host:port</c>, or no seed is given.</exception>
    /// <exception cref="InvalidOperationException">The port is in use.</exception>
    /// <exception cref="ConfigurationException">The HOCON is malformed, or the TLS certificate cannot serve (the setting and the file named).</exception>
    /// <exception cref="TimeoutException">The member did not join within <paramref name="joinTimeout"/> (no seed reachable); its actor system is stopped.</exception>
    public static async Task<DifferentialEngine> StartMemberAsync(int port, IReadOnlyList<string> seeds, bool hostsBuckets, TimeSpan joinTimeout, string? hocon = null, RemotingTls? tls = null)
    {
        var config = MemberConfig(port, seeds, hostsBuckets, hocon, tls is not null);
        var settings = DataflowSettings.FromConfig(config);
        var bootstrap = BootstrapSetup.Create().WithConfig(config);
        var setup = TlsSetup(tls) is { } ssl ? ActorSystemSetup.Create(bootstrap, ssl) : ActorSystemSetup.Create(bootstrap);
        ActorSystem system;
        try
        {
            system = ActorSystem.Create(SystemName, setup);
        }
        catch (Exception ex) when (ex is not ConfigurationException)
        {
            throw new InvalidOperationException($"Cannot start a cluster member on 127.0.0.1:{port}: {ex.Message}", ex);
        }
        try
        {
            await JoinAsync(system, seeds, joinTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await system.Terminate().ConfigureAwait(false);
            throw;
        }
        return Attach(system, settings, hostsBuckets, ownsSystem: true);
    }

    /// <summary>
    /// A member's configuration: <paramref name="hocon"/> over the port and role, over config/cluster.conf, config/wire.conf and
    /// config/akka-differential.conf; with <paramref name="tls"/>, remoting's <c>enable-ssl</c> over all of them (the
    /// certificate and the check of peers come with <see cref="TlsSetup"/>). The seeds are checked here, before
    /// anything starts, and joined by <see cref="JoinAsync"/> once the actor system (whatever its name) exists.
    /// </summary>
    /// <exception cref="ArgumentException">No seed, or a seed that is not <c>host:port</c>.</exception>
    /// <exception cref="InvalidOperationException">The port is in use.</exception>
    /// <exception cref="ConfigurationException">The HOCON is malformed (its line and column named).</exception>
    internal static Config MemberConfig(int port, IReadOnlyList<string> seeds, bool hostsBuckets, string? hocon, bool tls = false)
    {
        if (seeds.Count == 0)
            throw new ArgumentException("A member needs at least one seed (host:port); the first member lists itself.", nameof(seeds));
        foreach (var seed in seeds)
            SeedEndpoint(seed);
        EnsurePortFree(port);
        var overrides = ConfigurationFactory.ParseString(
            $"akka.remote.dot-netty.tcp.port = {port}\n" +
            $"akka.cluster.roles = [{(hostsBuckets ? "worker" : "driver")}]");
        var defaults = ConfigurationFactory.FromResource<ClusterNodes>("cluster.conf")
            .WithFallback(WireConfig())
            .WithFallback(DefaultConfig.Load());
        var config = (string.IsNullOrWhiteSpace(hocon) ? overrides : HoconSyntax.Parse(hocon, DataflowSettings.ExpectedAt).WithFallback(overrides)).WithFallback(defaults);
        return tls ? ConfigurationFactory.ParseString($"{TlsEnabled} = on").WithFallback(config) : config;
    }

    /// <summary>
    /// The setup that gives remoting <paramref name="tls"/>'s certificate and accepts as peers only members that
    /// present the same one (<see cref="SameCertificate"/>), or null without TLS. The certificate is read here, so that
    /// a member that could not serve TLS is refused before it starts.
    /// </summary>
    /// <exception cref="ConfigurationException">The certificate cannot serve (the setting and the file named).</exception>
    internal static Setup? TlsSetup(RemotingTls? tls) => tls is null ? null : SameCertificate.Setup(tls.Load());

    /// <summary>
    /// Joins <paramref name="system"/>, started with <see cref="MemberConfig"/>, to the cluster through
    /// <paramref name="seeds"/> (members whose actor system has the same name), and waits until it is up.
    /// </summary>
    /// <exception cref="TimeoutException">It was not up within <paramref name="joinTimeout"/>; the message names the seeds' addresses.</exception>
    internal static async Task JoinAsync(ActorSystem system, IReadOnlyList<string> seeds, TimeSpan joinTimeout)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var scheme = system.Settings.Config.GetBoolean(TlsEnabled) ? "akka.ssl.tcp" : "akka.tcp";
        var addresses = seeds.Select(seed => SeedAddress(scheme, system.Name, seed)).ToList();
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        cluster.JoinSeedNodes(addresses);
        if (await Task.WhenAny(up.Task, Task.Delay(joinTimeout)).ConfigureAwait(false) != up.Task)
            throw new TimeoutException(
                $"The member on 127.0.0.1:{cluster.SelfAddress.Port} could not join the cluster through seeds {string.Join(", ", addresses)} within {joinTimeout.TotalSeconds:0.#} s: " +
                "is a member running there, with the same actor system name and the same TLS (on both with the same certificate, or off on both)? Start the first member with itself as seed.");
    }

    /// <summary>
    /// An engine on the cluster member <paramref name="system"/> (started with <see cref="MemberConfig"/>): its frontier
    /// service is the cluster's, and buckets of dataflows deployed by name are sharded entities, hosted here when
    /// <paramref name="hostsBuckets"/>. It may attach before the member is up; deployments need it up. The wire admits
    /// the time and argument types of every definition registered on the engine, and the types that cross nodes in
    /// every plan this member builds of one (<see cref="AllowedTypes"/>).
    /// </summary>
    internal static DifferentialEngine Attach(ActorSystem system, DataflowSettings settings, bool hostsBuckets, bool ownsSystem)
    {
        system.ActorOf(TrafficReporter.Props(), TrafficReporter.Name);
        var self = Akka.Cluster.Cluster.Get(system).SelfUniqueAddress;
        var frontier = new ClusterFrontierService(system, $"{self.Address}#{self.Uid}", hostsSingleton: hostsBuckets);
        return DifferentialEngine.Attach(system, settings, frontier, self.Address.ToString(), ownsSystem, plans =>
        {
            var allowed = AllowedTypes.Of(system);
            plans.Registry.Observe(definition =>
            {
                allowed.Admit(definition.Time);
                allowed.Admit(definition.Arguments);
            });
            plans.Observe(allowed.Admit);
            var sharding = ClusterSharding.Get(system);
            var extractor = new BucketMessageExtractor();
            var region = hostsBuckets
                ? sharding.Start("buckets", BucketActor.Props(plans, frontier.Progress, settings),
                    ClusterShardingSettings.Create(system).WithRole("worker"), extractor, new FixedBucketAllocation(self.Address), PoisonPill.Instance)
                : sharding.StartProxy("buckets", "worker", extractor);
            return new ShardedPlacement(region, (ExtendedActorSystem)system);
        });
    }

    /// <summary>The number of members up with the worker role, as this engine's member sees the cluster.</summary>
    public static int WorkersUp(DifferentialEngine engine) =>
        Akka.Cluster.Cluster.Get(engine.System).State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up && m.HasRole("worker"));

    /// <summary>
    /// The data batches that the member at <paramref name="member"/> (an address such as
    /// <c>akka.tcp://akka-differential@127.0.0.1:4053</c>, or this engine's own) has sent to other nodes and received
    /// from them, as its batch serializer counted them.
    /// </summary>
    /// <exception cref="TimeoutException">The member did not answer within <paramref name="timeout"/> (10 s by default).</exception>
    public static async Task<WireTraffic> TrafficAsync(DifferentialEngine engine, string member, TimeSpan? timeout = null)
    {
        var wait = timeout ?? TimeSpan.FromSeconds(10);
        try
        {
            return await engine.System.ActorSelection(member.TrimEnd('/') + TrafficReporter.Path).Ask<WireTraffic>(TrafficReporter.GetTraffic.Instance, wait).ConfigureAwait(false);
        }
        catch (AskTimeoutException ex)
        {
            throw new TimeoutException($"The member at {member} did not report its wire traffic within {wait.TotalSeconds:0.#} s: is it a member of this cluster?", ex);
        }
    }

    /// <summary>config/wire.conf: the serializers of the engine's messages and their bindings.</summary>
    internal static Config WireConfig() => ConfigurationFactory.FromResource<ClusterNodes>("wire.conf");

    private static (string Host, int Port) SeedEndpoint(string seed)
    {
        var colon = seed.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(seed[(colon + 1)..], out var port) || port is < 1 or > 65535)
            throw new ArgumentException($"Seed '{seed}' is not host:port (for example 127.0.0.1:4053).");
        return (seed[..colon], port);
    }

    private static Address SeedAddress(string scheme, string systemName, string seed)
    {
        var (host, port) = SeedEndpoint(seed);
        return new Address(scheme, systemName, host, port);
    }

    private static void EnsurePortFree(int port)
    {
        if (port == 0)
            return;
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
        }
        catch (SocketException ex)
        {
            throw new InvalidOperationException($"Port {port} on 127.0.0.1 is in use ({ex.SocketErrorCode}): choose another port for this member.", ex);
        }
    }

    /// <summary>Anchors the embedded cluster.conf resource.</summary>
    private sealed class ClusterNodes;
}
