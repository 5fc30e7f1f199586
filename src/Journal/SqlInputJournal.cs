using Akka.Actor;
using AkkaDifferential.Cluster.Wire;
using AkkaDifferential.Cluster.Wire.Columns;
using AkkaDifferential.Operators.Recovery;

namespace AkkaDifferential.Journal;

/// <summary>
/// The driver's journal on an actor system whose Akka.Persistence plugins are Akka.Persistence.Sql's: one
/// <see cref="DataflowLog"/> per dataflow deployed by name, keyed by the name, which only one running dataflow may
/// hold (two would write the same logs). A dataflow's journal records the fingerprint of the plan that wrote it, and a
/// deployment from another plan is refused: its sessions' entries would feed operators they were not written for.
/// </summary>
internal sealed class SqlInputJournal(ActorSystem system, JournalSettings settings) : IInputJournal
{
    // The database is the driver's own, written by this program: its entries are read as the wire reads back frames it
    // wrote itself (serialize-messages' round trip), without the members' allowlist.
    private readonly BatchCodecs batches = new(new ColumnCodecs(new RecordSerializer((ExtendedActorSystem)system)), AllowedTypes.Any);
    private readonly Dictionary<string, DataflowLog> open = [];

    /// <inheritdoc/>
    public async Task<IDataflowJournal> OpenAsync(string dataflow, ulong fingerprint)
    {
        DataflowLog? previous;
        lock (open)
            open.TryGetValue(dataflow, out previous);
        if (previous is { IsDisposed: false })
            throw Running(dataflow);
        if (previous is not null)
            await previous.Stopped.ConfigureAwait(false);
        var log = new DataflowLog(system, batches, dataflow, settings.WriteTimeout);
        lock (open)
        {
            if (open.TryGetValue(dataflow, out var current) && current != previous)
                throw Running(dataflow);
            open[dataflow] = log;
        }
        try
        {
            await CheckPlan(log, dataflow, fingerprint).ConfigureAwait(false);
        }
        catch
        {
            log.Dispose();
            throw;
        }
        return log;
    }

    private async Task CheckPlan(DataflowLog log, string dataflow, ulong fingerprint)
    {
        var plan = log.Start(DataflowLog.PlanId(dataflow));
        var name = $"dataflow '{dataflow}'";
        var recovered = await JournalAsk.Recover(plan, name, settings.WriteTimeout).ConfigureAwait(false);
        if (recovered.Entries.Count == 0)
        {
            await JournalAsk.WriteAsync(plan, new JournalProtocol.Append(BitConverter.GetBytes(fingerprint)), name, settings.WriteTimeout).ConfigureAwait(false);
            return;
        }
        var written = BitConverter.ToUInt64(recovered.Entries[^1]);
        if (written != fingerprint)
            throw new InvalidOperationException(
                $"The journal holds dataflow '{dataflow}' as written by another plan (fingerprint {written:x16}; this deployment's is {fingerprint:x16}): " +
                "its input sessions' entries do not fit this definition. Deploy the definition and arguments that wrote it, or remove its journal.");
    }

    /// <summary>Closes every dataflow's journal and waits until their actors have stopped (their deletions done).</summary>
    public async ValueTask DisposeAsync()
    {
        DataflowLog[] logs;
        lock (open)
            logs = [.. open.Values];
        foreach (var log in logs)
            log.Dispose();
        await Task.WhenAll(logs.Select(l => l.Stopped)).ConfigureAwait(false);
    }

    private static InvalidOperationException Running(string dataflow) =>
        new($"Dataflow '{dataflow}' is already deployed with the journal on this engine: two deployments of one name would write the same journal; dispose the first, or deploy under another name.");
}
