using AkkaDifferential.Arrangements.Updates;

namespace AkkaDifferential.Operators.Recovery;

/// <summary>
/// Where the driver journals what the input sessions of its dataflows deployed by name accept, so that a driver that
/// restarts recovers them (docs/recovery.md, "The driver's journal"). The engine has one when a journal is enabled
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
