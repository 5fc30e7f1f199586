namespace AkkaDifferential.Cluster.Wire;

/// <summary>
/// Tells a frame read straight back, as the same array, on the thread that has just written it — the local round
/// trip of <c>akka.actor.serialize-messages = on</c>, which never leaves the process — from a frame that came from
/// elsewhere. Akka's remoting copies every frame it sends and reads every frame it receives into an array of its own,
/// so a frame from another node is never taken for one read back. The wire counts read-back frames apart
/// (<see cref="TrafficCounters"/>) and reads them without the allowlist (<see cref="AllowedTypes"/>): they hold only
/// values this process had.
/// </summary>
internal static class ReadBack
{
    [ThreadStatic]
    private static byte[]? lastWritten;

    /// <summary>This thread has written <paramref name="frame"/>.</summary>
    public static void Written(byte[] frame) => lastWritten = frame;

    /// <summary>True when <paramref name="frame"/> is the one this thread wrote last (asked once per frame read).</summary>
    public static bool Is(byte[] frame)
    {
        var readBack = ReferenceEquals(frame, lastWritten);
        lastWritten = null;
        return readBack;
    }
}
