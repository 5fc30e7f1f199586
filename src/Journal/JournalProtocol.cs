namespace AkkaDifferential.Journal;

/// <summary>
/// What a <see cref="JournalActor"/> accepts: entries to append and snapshots, each already encoded (a session's
/// entries by <see cref="JournalCodec{TData, TTime, TDiff}"/>), and the request for what it recovered. Local to the
/// driver: entries reach the database through the actor's persistence plugin, which stores them as byte arrays.
/// </summary>
internal static class JournalProtocol
{
    /// <summary>Asks for what the actor recovered: answered with <see cref="Recovered"/> once its recovery is done.</summary>
    public sealed record GetRecovered
    {
        /// <summary>The one instance.</summary>
        public static GetRecovered Instance { get; } = new();
    }

    /// <summary>The latest snapshot (if any) followed by every entry appended after it, oldest first.</summary>
    public sealed record Recovered(IReadOnlyList<byte[]> Entries);

    /// <summary>
    /// Appends <paramref name="Entry"/>: answered with <see cref="Written"/> once it is durable, or a failure. With
    /// <paramref name="Replaces"/>, the entries before it are deleted then (a log of which only the last entry counts).
    /// </summary>
    public sealed record Append(byte[] Entry, bool Replaces = false);

    /// <summary>
    /// Replaces everything appended so far by <paramref name="State"/>: once the snapshot is durable, the entries and
    /// older snapshots it covers are deleted, and then it is answered with <see cref="Written"/>. A snapshot or deletion
    /// that fails is logged and answered too: the entries stay, and the log still holds the session's input. The
    /// session waits, so that its next write does not contend with these for the database (SQLite has one writer).
    /// </summary>
    public sealed record Snapshot(byte[] State);

    /// <summary>Stops the actor once the deletions its snapshots started are done, so that a stopped journal holds no entry a snapshot covers.</summary>
    public sealed record Stop
    {
        /// <summary>The one instance.</summary>
        public static Stop Instance { get; } = new();
    }

    /// <summary>The entry is written.</summary>
    public sealed record Written
    {
        /// <summary>The one instance.</summary>
        public static Written Instance { get; } = new();
    }
}
