using Akka.Actor;

namespace AkkaDifferential.Cluster.Tests;

/// <summary>
/// Counts the live actors that a wildcard path selects on some actor system, local or remote: every selected actor
/// answers <see cref="Identify"/> (over remoting for a remote address), and the answers that arrive within a window
/// are counted. A wildcard that selects nothing gets no answer, so a count is a lower bound taken over the window;
/// <see cref="EventuallyAsync"/> polls until a count meets a condition.
/// </summary>
internal static class ActorCensus
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    /// <summary>The actors that <paramref name="path"/> selects, as seen from <paramref name="system"/>.</summary>
    public static async Task<int> CountAsync(ActorSystem system, string path)
    {
        var inbox = Inbox.Create(system);
        var id = Guid.NewGuid();
        system.ActorSelection(path).Tell(new Identify(id), inbox.Receiver);
        var found = new HashSet<IActorRef>();
        var deadline = DateTime.UtcNow + Window;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await inbox.ReceiveAsync(deadline - DateTime.UtcNow) is ActorIdentity { Subject: { } subject } identity && id.Equals(identity.MessageId))
                    found.Add(subject);
            }
            catch (TimeoutException)
            {
                break;
            }
        }
        inbox.Dispose();
        return found.Count;
    }

    /// <summary>Polls <see cref="CountAsync"/> until <paramref name="until"/> holds, for at most <paramref name="timeout"/>; returns the last count.</summary>
    public static async Task<int> EventuallyAsync(ActorSystem system, string path, Func<int, bool> until, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var count = await CountAsync(system, path);
            if (until(count) || DateTime.UtcNow > deadline)
                return count;
        }
    }
}
