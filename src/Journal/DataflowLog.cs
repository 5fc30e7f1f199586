using Akka.Actor;
using AkkaDifferential.Cluster.Wire;
using AkkaDifferential.Operators.Recovery;

namespace AkkaDifferential.Journal;

/// <summary>
/// The journal of one deployed dataflow: the logs of its input sessions and of its resumable change streams, one
/// <see cref="JournalActor"/> each, with persistence ids from the dataflow's name and the operator's index and name
/// (stable across restarts of the driver for the same definition). Disposing it stops the actors once their snapshots' deletions are done;
/// <see cref="Stopped"/> completes when they have.
/// </summary>
internal sealed class DataflowLog(ActorSystem system, BatchCodecs batches, string dataflow, TimeSpan timeout) : IDataflowJournal
{
    private readonly List<IActorRef> actors = [];
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once every actor of the journal has stopped after <see cref="Dispose"/>.</summary>
    public Task Stopped => stopped.Task;

    /// <summary>The persistence id of the dataflow's record of its plan.</summary>
    public static string PlanId(string dataflow) => $"akka-differential/{dataflow}/plan";

    /// <summary>Starts the log with <paramref name="persistenceId"/>.</summary>
    public IActorRef Start(string persistenceId)
    {
        var actor = system.ActorOf(JournalActor.Props(persistenceId), $"journal-{Guid.NewGuid():N}");
        lock (actors)
            actors.Add(actor);
        return actor;
    }

    /// <inheritdoc/>
    public async Task<IInputLog<TData, TTime, TDiff>> OpenAsync<TData, TTime, TDiff>(int op, string input) where TTime : notnull
    {
        var actor = Start($"akka-differential/{dataflow}/input/{op}/{input}");
        return await InputLog<TData, TTime, TDiff>.OpenAsync(actor, new JournalCodec<TData, TTime, TDiff>(batches), $"input '{input}' of dataflow '{dataflow}'", timeout).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IAcknowledgementLog<TTime>> OpenAcknowledgementsAsync<TTime>(int op, string stream) where TTime : notnull
    {
        var actor = Start($"akka-differential/{dataflow}/changes/{op}/{stream}");
        return await AcknowledgementLog<TTime>.OpenAsync(actor, batches.Columns.For<TTime>(), $"change stream '{stream}' of dataflow '{dataflow}'", timeout).ConfigureAwait(false);
    }

    /// <summary>True once <see cref="Dispose"/> was called.</summary>
    public bool IsDisposed => Volatile.Read(ref disposed) == 1;

    private int disposed;

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
            return;
        IActorRef[] stopping;
        lock (actors)
            stopping = [.. actors];
        _ = Task.WhenAll(stopping.Select(a => a.GracefulStop(timeout, JournalProtocol.Stop.Instance))).ContinueWith(_ => stopped.TrySetResult(), TaskScheduler.Default);
    }
}
