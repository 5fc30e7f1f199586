using Akka.Actor;
using AkkaDifferential.Arrangements.Readers;
using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Operators.Runtime;
using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Runtime.Readers;
using AkkaDifferential.Runtime.Wire;

namespace AkkaDifferential.Operators.Arrange;

/// <summary>
/// An imported arrangement at one bucket of the importing dataflow: it subscribes to the source dataflow's
/// arrangement actor at the same bucket, replays the existing trace as batches, then forwards every advance to the
/// readers in its own dataflow. Its readers' compaction frontiers are passed on to the source as one reader. If the
/// source's dataflow stops, the importing dataflow fails with an error that says so.
/// </summary>
/// <remarks>
/// <para>The import starts at the reader's <c>since</c> (as differential dataflow's <c>import_frontier</c>): the
/// source may have compacted its history up to there, and how far it merged its batches is a matter of timing. So
/// every batch is presented with its times advanced by <c>since</c> (<see cref="TimeCompaction"/>), in the snapshots
/// as in the new batches: the importing dataflow sees one collection, whatever the source's compaction did — empty
/// before <c>since</c>, exactly the source's collection at every time in advance of it. Batches whose times are
/// already advanced (all once the source has merged past <c>since</c>) are shared, not copied; the few others are
/// copied once and remembered while they stay in the source's trace.</para>
/// <para>Progress follows: the instance starts with capabilities at the minimum time advanced by <c>since</c>
/// (the dataflow registers them so), below every advanced time, then holds the source's upper frontier advanced by
/// <c>since</c>, below every later batch's advanced times. The importing operators start with compaction frontiers at
/// <c>since</c>, and a frontier they allow is joined with it before it goes to the source, which never moves back.</para>
/// </remarks>
internal sealed class ImportRuntime<TKey, TVal, TTime, TDiff> : OperatorRuntime<TTime> where TTime : notnull
{
    private readonly IActorRef source;
    private readonly string sourceDataflow;
    private readonly string readerId;
    private readonly Antichain<TTime> since;
    private readonly bool advances;
    private readonly ArrangedOutput<TKey, TVal, TTime, TDiff> output;
    private readonly HeldCapabilities<TTime> capabilities;
    private readonly ReaderFrontiers<TTime> readers = new();
    private Dictionary<TraceBatch<TKey, TVal, TTime, TDiff>, TraceBatch<TKey, TVal, TTime, TDiff>> advanced = new(ReferenceEqualityComparer.Instance);
    private Antichain<TTime>? forwarded;
    private bool replayed;

    public ImportRuntime(InstanceEnvironment environment, IActorRef source, string sourceDataflow, string readerId, Antichain<TTime> since, ArrangedOutput<TKey, TVal, TTime, TDiff> output)
        : base(environment)
    {
        this.source = source;
        this.sourceDataflow = sourceDataflow;
        this.output = output;
        this.readerId = readerId;
        this.since = since;
        advances = !since.Equals(Antichain<TTime>.From(Timestamp.Minimum<TTime>()));
        capabilities = new HeldCapabilities<TTime>(Progress, Location.Source(Operator, 0), Start(since));
        foreach (var (op, port) in output.Readers)
            readers.Register(ArrangedOutput<TKey, TVal, TTime, TDiff>.ReaderId(op, port), since);
    }

    /// <summary>Where an import from a reader at <paramref name="since"/> holds its capabilities at first: the minimum time advanced by it.</summary>
    public static Antichain<TTime> Start(Antichain<TTime> since) =>
        TimeCompaction.Advance(Antichain<TTime>.From(Timestamp.Minimum<TTime>()), since);

    protected override void OnStarted()
    {
        Watch(source);
        // The import reads the source's batches by reference: the source must be on this node.
        source.TellLocal(new TraceProtocol.Subscribe<TTime>(readerId, Self, since));
    }

    protected override void OnBatch(int port, object batch) =>
        throw new InvalidOperationException("An imported arrangement has no inputs.");

    protected override void OnOtherMessage(object message)
    {
        switch (message)
        {
            case TraceProtocol.Advanced<TKey, TVal, TTime, TDiff> advance:
                Forward(advance);
                break;
            case TraceProtocol.AllowCompaction<TTime> allow:
                // The importing operators read nothing before since: a frontier below it allows nothing more.
                readers.Advance(allow.ReaderId, Antichain<TTime>.Join(allow.Frontier, since));
                var frontier = readers.Since(whenUnread: new Antichain<TTime>());
                if (!frontier.Equals(forwarded))
                {
                    forwarded = frontier;
                    source.Tell(new TraceProtocol.AllowCompaction<TTime>(readerId, frontier));
                }
                break;
            case TraceProtocol.Refused refused:
                throw new InvalidOperationException($"The arrangement of dataflow '{sourceDataflow}' refused the import: {refused.Reason}");
            case Terminated terminated when terminated.ActorRef.Equals(source):
                throw new InvalidOperationException($"The arrangement imported from dataflow '{sourceDataflow}' is gone: that dataflow has stopped.");
            default:
                base.OnOtherMessage(message);
                break;
        }
    }

    private void Forward(TraceProtocol.Advanced<TKey, TVal, TTime, TDiff> advance)
    {
        var trace = Snapshot(advance.Trace);
        if (!replayed)
        {
            // The first message is the trace as it was when we subscribed: replay it batch by batch. Operators read a new
            // batch's columns, so each goes in one part (advancing may have made even a sealed batch composite).
            replayed = true;
            for (var i = 0; i < trace.Length; i++)
                if (trace[i].UpdateCount > 0)
                    output.Send(new TraceProtocol.Advanced<TKey, TVal, TTime, TDiff>(trace[i].InOnePart(), trace[..(i + 1)], Advance(trace[i].Description.Upper)), this);
        }
        else if (advance.Batch.UpdateCount > 0)
        {
            output.Send(new TraceProtocol.Advanced<TKey, TVal, TTime, TDiff>(AdvancedBatch(advance.Batch).InOnePart(), trace, Advance(advance.Upper)), this);
        }
        capabilities.HoldExactly(Advance(advance.Upper));
    }

    private Antichain<TTime> Advance(Antichain<TTime> frontier) => advances ? TimeCompaction.Advance(frontier, since) : frontier;

    /// <summary>The source's trace with its times advanced by since; remembers the copies of the batches it holds now.</summary>
    private TraceBatch<TKey, TVal, TTime, TDiff>[] Snapshot(IReadOnlyList<TraceBatch<TKey, TVal, TTime, TDiff>> trace)
    {
        var result = new TraceBatch<TKey, TVal, TTime, TDiff>[trace.Count];
        if (!advances)
        {
            for (var i = 0; i < result.Length; i++)
                result[i] = trace[i];
            return result;
        }
        var kept = new Dictionary<TraceBatch<TKey, TVal, TTime, TDiff>, TraceBatch<TKey, TVal, TTime, TDiff>>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < result.Length; i++)
            kept[trace[i]] = result[i] = AdvancedBatch(trace[i]);
        advanced = kept;
        return result;
    }

    private TraceBatch<TKey, TVal, TTime, TDiff> AdvancedBatch(TraceBatch<TKey, TVal, TTime, TDiff> batch) =>
        !advances ? batch : advanced.TryGetValue(batch, out var copy) ? copy : TimeCompaction.Advance(batch, since);
}
