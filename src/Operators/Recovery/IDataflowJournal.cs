using AkkaDifferential.Arrangements.Updates;

namespace AkkaDifferential.Operators.Recovery;

/// <summary>
/// Where the driver journals what the input sessions of its dataflows deployed by name accept, so that a driver that
/// restarts recovers them (docs/journal.md). The engine has one when a journal is enabled
/// (src/Journal); it opens one <see cref="IDataflowJournal"/> per deployment, by the dataflow's name.
/// </summary>
internal interface IInputJournal : IAsyncDisposable
{
    /// <summary>
    /// The journal of the dataflow named <paramref name="dataflow"/>, whose plan has <paramref name="fingerprint"/>;
    /// it throws when a dataflow of that name is deployed with the journal already, or when what is journaled under
    /// the name was written by another plan.
    /// </summary>
    Task<IDataflowJournal> OpenAsync(string dataflow, ulong fingerprint);
}

/// <summary>The journal of one deployed dataflow: one log per input session. Disposed when the dataflow stops.</summary>
internal interface IDataflowJournal : IDisposable
{
    /// <summary>The log of the input at operator <paramref name="op"/> named <paramref name="input"/>, with what it recovered.</summary>
    Task<IInputLog<TData, TTime, TDiff>> OpenAsync<TData, TTime, TDiff>(int op, string input) where TTime : notnull;

    /// <summary>The log of the resumable change stream at operator <paramref name="op"/> named <paramref name="stream"/>: the last time its reader acknowledged.</summary>
    Task<IAcknowledgementLog<TTime>> OpenAcknowledgementsAsync<TTime>(int op, string stream) where TTime : notnull;
}

/// <summary>
/// What an input session accepted, as its journal holds it: batches in the order they were sent, the session's time
/// (the capability it held), and whether it was closed. A session journals each send as one entry (the batches it
/// sent and the time it moved to) before the call returns, and, when it compacts what it retains, its whole state.
/// </summary>
internal sealed record JournaledInput<TData, TTime, TDiff>(IReadOnlyList<UpdateBatch<TData, TTime, TDiff>> Batches, TTime Time, bool Closed);

/// <summary>One input session's log. Its calls block until the entry is durable and throw when it cannot be written.</summary>
internal interface IInputLog<TData, TTime, TDiff> where TTime : notnull
{
    /// <summary>What the log held when opened: every batch journaled since its last snapshot (included), the last time and closing; null when empty.</summary>
    JournaledInput<TData, TTime, TDiff>? Recovered { get; }

    /// <summary>Appends one send of the session.</summary>
    void Append(JournaledInput<TData, TTime, TDiff> entry);

    /// <summary>Replaces everything appended so far by <paramref name="state"/> (the session's compacted retained input).</summary>
    void Snapshot(JournaledInput<TData, TTime, TDiff> state);
}

/// <summary>
/// A resumable change stream's log: the last time its reader acknowledged. Each acknowledgment replaces the one
/// before it, and completes once durable.
/// </summary>
internal interface IAcknowledgementLog<TTime> where TTime : notnull
{
    /// <summary>The last time acknowledged when the log was opened (by an earlier driver), if any.</summary>
    (bool Found, TTime Time) Recovered { get; }

    /// <summary>Records that the reader acknowledged <paramref name="time"/>; completes once it is durable.</summary>
    /// <exception cref="TimeoutException">The journal did not confirm the write in time.</exception>
    Task AppendAsync(TTime time);
}
