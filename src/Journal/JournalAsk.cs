using Akka.Actor;

namespace AkkaDifferential.Journal;

/// <summary>
/// The two questions put to a <see cref="JournalActor"/>, with the errors a caller sees: what it recovered, and
/// whether an entry was written, each within the journal's <c>write-timeout</c>.
/// </summary>
internal static class JournalAsk
{
    /// <summary>What the log named <paramref name="name"/> recovered.</summary>
    /// <exception cref="TimeoutException">It did not recover in time (the database is unreachable, or an entry cannot be read).</exception>
    public static async Task<JournalProtocol.Recovered> Recover(IActorRef actor, string name, TimeSpan timeout)
    {
        try
        {
            return await actor.Ask<JournalProtocol.Recovered>(JournalProtocol.GetRecovered.Instance, timeout).ConfigureAwait(false);
        }
        catch (AskTimeoutException ex)
        {
            throw new TimeoutException(
                $"The journal of {name} did not recover within {timeout.TotalSeconds:0.###} s ('{JournalSettings.Section}.write-timeout'): is the database reachable, and was it written by this program? (The driver's log has the cause.)", ex);
        }
    }

    /// <summary>Waits, blocking the caller (an input session's call on the user's thread), until <paramref name="write"/> is answered.</summary>
    /// <exception cref="TimeoutException">No answer in time.</exception>
    public static void Write(IActorRef actor, object write, string name, TimeSpan timeout) =>
        WriteAsync(actor, write, name, timeout).GetAwaiter().GetResult();

    /// <summary>Completes when <paramref name="write"/> is answered.</summary>
    /// <exception cref="TimeoutException">No answer in time.</exception>
    public static async Task WriteAsync(IActorRef actor, object write, string name, TimeSpan timeout)
    {
        try
        {
            await actor.Ask<JournalProtocol.Written>(write, timeout).ConfigureAwait(false);
        }
        catch (AskTimeoutException ex)
        {
            throw new TimeoutException($"The journal of {name} did not confirm a write within {timeout.TotalSeconds:0.###} s ('{JournalSettings.Section}.write-timeout').", ex);
        }
    }
}
