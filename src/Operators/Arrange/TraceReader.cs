using Akka.Actor;
using AkkaDifferential.Runtime.Readers;

namespace AkkaDifferential;

/// <summary>
/// A handle on an arrangement's trace that keeps its history from being compacted beyond the handle's frontier,
/// <see cref="Since"/>. Other dataflows import the trace through it (<c>scope.Import(reader)</c>), whenever the
/// reader was created: the import starts at <see cref="Since"/>. Release it when done: a trace held by a forgotten
/// reader never compacts. Using a released reader throws.
/// </summary>
public sealed class TraceReader<TKey, TVal, TTime, TDiff> where TKey : notnull where TVal : notnull where TTime : notnull
{
    private readonly IReadOnlyList<IActorRef> instances;
    private bool released;
    private DataflowId? importedBy;

    internal TraceReader(TraceExport<TKey, TVal, TTime, TDiff> export, string id, IReadOnlyList<IActorRef> instances, Antichain<TTime> since)
    {
        Export = export;
        Id = id;
        this.instances = instances;
        Since = since;
    }

    /// <summary>The reader's id, as the arrangement actors know it.</summary>
    public string Id { get; }

    /// <summary>
    /// The reader's compaction frontier: the trace's history is exact, for this reader, at every time in advance of
    /// it (earlier times may have been advanced to it). It starts at the trace's compaction frontier when the reader
    /// was created and moves with <see cref="AllowCompaction"/>.
    /// </summary>
    public Antichain<TTime> Since { get; private set; }

    internal TraceExport<TKey, TVal, TTime, TDiff> Export { get; }

    /// <summary>
    /// Hands the reader over to a dataflow that imports the trace: from now on that dataflow's operators move its
    /// frontier, and it is released when that dataflow stops. Returns the arrangement actors, one per bucket.
    /// </summary>
    internal IReadOnlyList<IActorRef> TakeOver(DataflowId dataflow)
    {
        ThrowIfReleased("import");
        importedBy = dataflow;
        return instances;
    }

    /// <summary>Lets the trace compact its history up to <paramref name="frontier"/>: the reader will not look before it.</summary>
    /// <exception cref="ArgumentException"><paramref name="frontier"/> is not in advance of <see cref="Since"/>: compaction cannot be undone.</exception>
    public void AllowCompaction(Antichain<TTime> frontier)
    {
        ThrowIfReleased("allow compaction through");
        if (!Since.Dominates(frontier))
            throw new ArgumentException($"Trace reader '{Id}' cannot move its compaction frontier back from {Since} to {frontier}.", nameof(frontier));
        Since = new Antichain<TTime>(frontier.Elements);
        foreach (var instance in instances)
            instance.Tell(new TraceProtocol.AllowCompaction<TTime>(Id, Since));
    }

    /// <summary>The state of the trace at every bucket: what it holds and how far it may be compacted.</summary>
    /// <exception cref="ObjectDisposedException">The reader was released, or the trace's dataflow was disposed (named).</exception>
    /// <exception cref="InvalidOperationException">The trace's dataflow failed (named, with its failure), or imported the reader.</exception>
    public async Task<IReadOnlyList<TraceStatus<TTime>>> StatusAsync(TimeSpan? timeout = null)
    {
        ThrowIfReleased("read the status through");
        // A stopped dataflow's arrangement would never answer: say so now rather than by the ask's timeout.
        Export.State?.ThrowIfNotRunning($"read the status through trace reader '{Id}'");
        var result = new List<TraceStatus<TTime>>();
        foreach (var instance in instances)
            result.Add((await instance.Ask<TraceProtocol.StatusReport<TTime>>(TraceProtocol.GetStatus.Instance, timeout ?? TimeSpan.FromSeconds(10)).ConfigureAwait(false)).Report);
        return result;
    }

    /// <summary>Releases the reader: it no longer holds history back. Later use throws <see cref="ObjectDisposedException"/>.</summary>
    public void Release()
    {
        ThrowIfReleased("release");
        released = true;
        foreach (var instance in instances)
            instance.Tell(new TraceProtocol.Release(Id));
    }

    /// <summary>Throws if the reader was released or handed to an importing dataflow.</summary>
    internal void EnsureUsable(string what) => ThrowIfReleased(what);

    private void ThrowIfReleased(string what)
    {
        if (released)
            throw new ObjectDisposedException(Id, $"Cannot {what} trace reader '{Id}': it was released.");
        if (importedBy is not null)
            throw new InvalidOperationException($"Cannot {what} trace reader '{Id}': it was imported by dataflow '{importedBy.Value.Name}', which now owns it.");
    }
}
