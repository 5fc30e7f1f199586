using Akka.Actor;
using static AkkaDifferential.Runtime.Progress.FrontierProtocol;

namespace AkkaDifferential.Runtime.Progress;

/// <summary>
/// A node's relay of frontier changes: the frontier actor sends one <see cref="RelayedFrontiers"/> per publication to
/// the relay of each other node that has observers, instead of one message per observer across the network, and the
/// relay gives each observer on its node its part as a <see cref="FrontiersAdvanced"/> (a local message). Every
/// cluster member runs one, at <see cref="Path"/> under <c>/user</c>. An observer's changes always take the same path,
/// so they keep their order.
/// </summary>
internal sealed class FrontierRelay : UntypedActor
{
    /// <summary>The relay's name under <c>/user</c> on every member.</summary>
    public const string Name = "frontier-relay";

    /// <summary>Props of a relay.</summary>
    public static Props Props() => Akka.Actor.Props.Create(() => new FrontierRelay());

    /// <summary>The relay's path on the node at <paramref name="address"/>.</summary>
    public static ActorPath Path(Address address) => new RootActorPath(address) / "user" / Name;

    /// <inheritdoc/>
    protected override void OnReceive(object message)
    {
        if (message is not RelayedFrontiers relayed)
        {
            Unhandled(message);
            return;
        }
        foreach (var part in relayed.Parts)
            part.Observer.Tell(new FrontiersAdvanced(relayed.Dataflow, relayed.Frontiers[part.Start..part.End]));
    }
}
