using Akka.Actor;
using AkkaDifferential.Operators.Dataflows;
using AkkaDifferential.Runtime.Readers;

namespace AkkaDifferential;

/// <summary>
/// The trace of an arrangement as other dataflows and users see it. Once its dataflow is deployed,
/// <see cref="CreateReaderAsync"/> registers a reader handle that holds the trace's history for as long as it
/// needs; other dataflows import the trace through such a handle.
/// </summary>
public sealed class TraceExport<TKey, TVal, TTime, TDiff> where TKey : notnull where TVal : notnull where TTime : notnull
{
    private DeployedDataflow? deployed;
    private int readers;

    private readonly string? notExportable;

    /// <param name="op">The arrangement operator.</param>
    /// <param name="notExportable">Why this arrangement cannot be read from outside its dataflow, or null when it can.</param>
    internal TraceExport(int op, string? notExportable = null)
    {
        Operator = op;
        this.notExportable = notExportable;
    }

    internal int Operator { get; }

    /// <summary>The arrangement actors, one per bucket.</summary>
    internal IReadOnlyList<IActorRef> Instances(string what)
    {
        if (notExportable is not null)
            throw new InvalidOperationException($"Cannot {what}: {notExportable}");
        var first = deployed ?? throw new InvalidOperationException($"Cannot {what}: the arrangement's dataflow is not deployed yet.");
        first.State.ThrowIfNotRunning(what);
        // The arrangement where it runs now: a dataflow that recovered runs as another incarnation than its first.
        var dataflow = first.State.Current ?? first;
        return [.. dataflow.Instances.Select(bucket => bucket[Operator]!)];
    }

    /// <summary>The name of the dataflow the arrangement belongs to.</summary>
    internal string Dataflow => deployed?.Id.Name ?? "(not deployed)";

    /// <summary>The state of the arrangement's dataflow, once deployed.</summary>
    internal DataflowState? State => deployed?.State;

    /// <summary>
    /// Registers a new reader of the trace with every arrangement actor. The reader holds the trace's history from
    /// its <see cref="TraceReader{TKey, TVal, TTime, TDiff}.Since"/> on — the trace's compaction frontier now (the
    /// latest over the buckets), which is the minimum time only while nothing has let the trace compact — until it
    /// allows more compaction or is released.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The dataflow is not deployed, or has stopped, or the trace has compacted its whole history away (its input is
    /// closed and no reader held it).
    /// </exception>
    public async Task<TraceReader<TKey, TVal, TTime, TDiff>> CreateReaderAsync(TimeSpan? timeout = null)
    {
        var instances = Instances("create a trace reader");
        // A dataflow whose traces are read elsewhere does not redeploy itself: the readers would hold the lost incarnation's.
        deployed!.State.TraceReaderCreated();
        var id = $"reader-{Interlocked.Increment(ref readers)}-{Guid.NewGuid():N}";
        var wait = timeout ?? TimeSpan.FromSeconds(10);
        var held = new List<Antichain<TTime>>();
        foreach (var instance in instances)
        {
            var answer = await instance.Ask<object>(new TraceProtocol.Hold(id), wait).ConfigureAwait(false);
            if (answer is TraceProtocol.Refused refused)
                throw new InvalidOperationException(refused.Reason);
            held.Add(((TraceProtocol.Held<TTime>)answer).Since);
        }
        // The buckets compact independently: the reader holds the trace from the latest of their frontiers, where
        // all of them are exact, and lets the others go there too.
        var since = held.Aggregate(Antichain<TTime>.Join);
        for (var bucket = 0; bucket < instances.Count; bucket++)
        {
            if (since.IsEmpty)
                instances[bucket].Tell(new TraceProtocol.Release(id));
            else if (!held[bucket].Equals(since))
                instances[bucket].Tell(new TraceProtocol.AllowCompaction<TTime>(id, since));
        }
        if (since.IsEmpty)
            throw new InvalidOperationException(
                $"Cannot create a trace reader of the arrangement of dataflow '{Dataflow}': its input is complete and, with no reader holding it, the trace has compacted its whole history away. Create readers before the input closes.");
        return new TraceReader<TKey, TVal, TTime, TDiff>(this, id, instances, since);
    }

    internal void Attach(DeployedDataflow dataflow) => deployed = dataflow;
}
