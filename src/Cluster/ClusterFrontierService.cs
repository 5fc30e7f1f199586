using Akka.Actor;
using Akka.Cluster.Tools.Singleton;
using AkkaDifferential.Runtime.Progress;

namespace AkkaDifferential.Cluster;

/// <summary>
/// The frontier actor of a cluster: one <see cref="FrontierActor"/> as a cluster singleton on the oldest worker
/// member (<see cref="ClusterSingletonManager"/>), a <see cref="ClusterSingletonProxy"/> on every member, and the
/// member's <see cref="ProgressAgent"/>, which reports this node's progress to the proxy as one sequenced message per
/// flush and resends until acknowledged.
/// </summary>
internal sealed class ClusterFrontierService : IFrontierService
{
    private static readonly TimeSpan ResendAfter = TimeSpan.FromSeconds(1);

    public ClusterFrontierService(ActorSystem system, string node, bool hostsSingleton)
    {
        if (hostsSingleton)
            system.ActorOf(ClusterSingletonManager.Props(FrontierActor.Props(), PoisonPill.Instance, ClusterSingletonManagerSettings.Create(system)), "frontier");
        system.ActorOf(FrontierRelay.Props(), FrontierRelay.Name);
        Frontier = system.ActorOf(ClusterSingletonProxy.Props("/user/frontier", ClusterSingletonProxySettings.Create(system)), "frontier-proxy");
        Progress = system.ActorOf(ProgressAgent.Props(Frontier, node, ResendAfter), "progress-agent");
    }

    /// <inheritdoc/>
    public IActorRef Frontier { get; }

    /// <inheritdoc/>
    public bool Moves => true;

    /// <inheritdoc/>
    public IActorRef Progress { get; }
}
