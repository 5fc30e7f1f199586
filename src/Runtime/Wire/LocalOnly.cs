using Akka.Actor;

namespace AkkaDifferential.Runtime.Wire;

/// <summary>Sends <see cref="ILocalOnly"/> messages, refusing at the sender an actor on another node.</summary>
internal static class LocalOnly
{
    /// <summary>
    /// Sends <paramref name="message"/> to <paramref name="target"/>, which must be an actor of this node: a target on
    /// another node throws an <see cref="InvalidOperationException"/> naming the message's type and the target, here
    /// where the mistake is, rather than as an error in the remoting's log.
    /// </summary>
    public static void TellLocal(this IActorRef target, ILocalOnly message, IActorRef? sender = null)
    {
        if (target is IActorRefScope { IsLocal: false })
            throw new InvalidOperationException(
                $"{message.GetType().Name} never crosses nodes (it holds in-memory state by reference), but its target {target.Path} is on another node.");
        if (sender is null)
            target.Tell(message);
        else
            target.Tell(message, sender);
    }
}
