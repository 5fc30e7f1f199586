using Akka;
using Akka.Actor;
using AkkaDifferential.Operators.Dataflows;

namespace AkkaDifferential.Hosting.Runtime;

/// <summary>
/// The engine of a hosted actor system, as an Akka.NET extension (one per actor system, created on first use): built
/// from the system's <see cref="DifferentialDataflowSetup"/> on its configuration, embedded or attached to the cluster
/// member the system is. <see cref="StartAsync"/> (a startup task of Akka.Hosting) joins the cluster and deploys the
/// hosted dataflows; coordinated shutdown disposes them in its service-stop phase, before a member leaves its cluster.
/// </summary>
internal sealed class DifferentialHost : IExtension
{
    private readonly ActorSystem system;
    private readonly DifferentialDataflowOptions options;

    public DifferentialHost(ExtendedActorSystem system)
    {
        this.system = system;
        var setup = system.Settings.Setup.Get<DifferentialDataflowSetup>();
        if (!setup.HasValue)
            throw new InvalidOperationException(
                $"ActorSystem '{system.Name}' has no differential dataflow configuration: add .WithDifferentialDataflow(...) to the AddAkka builder that creates it.");
        options = setup.Value.Options;
        var settings = DataflowSettings.FromConfig(system.Settings.Config.WithFallback(DefaultConfig.Load()));
        Engine = options.Cluster is { } member
            ? DifferentialCluster.Attach(system, settings, member.HostsBuckets, ownsSystem: false)
            : new DifferentialEngine(system, settings);
        foreach (var name in options.Definitions.Names)
            Engine.Definitions.Add(options.Definitions.Find(name)!);
        Dataflows = new HostedDataflows(Engine, options.Hosted);
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceStop, "stop-hosted-dataflows", StopAsync);
    }

    /// <summary>The hosted engine; the host owns its actor system.</summary>
    public DifferentialEngine Engine { get; }

    /// <summary>The hosted dataflows and the registered definitions.</summary>
    public HostedDataflows Dataflows { get; }

    /// <summary>The extension of <paramref name="system"/>, created on first use.</summary>
    /// <exception cref="InvalidOperationException">The system was not configured with WithDifferentialDataflow.</exception>
    public static DifferentialHost For(ActorSystem system) => system.WithExtension<DifferentialHost, Provider>();

    /// <summary>Joins the cluster (as a member) and deploys the hosted dataflows in order.</summary>
    /// <exception cref="TimeoutException">The member was not up within its join timeout.</exception>
    public async Task StartAsync()
    {
        if (options.Cluster is { } member)
            await DifferentialCluster.JoinAsync(system, member.Seeds, member.JoinTimeout).ConfigureAwait(false);
        foreach (var hosted in options.Hosted)
            await hosted.DeployAsync(Engine).ConfigureAwait(false);
    }

    private async Task<Done> StopAsync()
    {
        foreach (var hosted in options.Hosted.Reverse())
            await hosted.StopAsync().ConfigureAwait(false);
        return Done.Instance;
    }

    /// <summary>Creates the extension.</summary>
    private sealed class Provider : ExtensionIdProvider<DifferentialHost>
    {
        public override DifferentialHost CreateExtension(ExtendedActorSystem system) => new(system);
    }
}
