using Akka.Actor;
using AkkaDifferential.Arrangements.Readers;
using AkkaDifferential.Operators.Runtime;
using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Runtime.Readers;

namespace AkkaDifferential.Operators.Arrange;

/// <summary>
/// An imported arrangement at one bucket of the importing dataflow: it subscribes to the source dataflow's
/// arrangement actor at the same bucket, replays the existing trace as batches, then forwards every advance to the
/// readers in its own dataflow. It holds a capability at the source trace's upper frontier, so the importing
/// dataflow's progress follows the source's. Its readers' compaction frontiers are passed on to the source as one
/// reader. If the source's dataflow stops, the importing dataflow fails with an error that says so.
/// </summary>
internal sealed class ImportRuntime<TKey, TVal, TTime, TDiff> : OperatorRuntime<TTime> where TTime : notnull
{
    private readonly IActorRef source;
    private readonly string sourceDataflow;
    private readonly string readerId;
    private readonly ArrangedOutput<TKey, TVal, TTime, TDiff> output;
    private readonly HeldCapabilities<TTime> capabilities;
    private readonly ReaderFrontiers<TTime> readers = new();
    private Antichain<TTime>? forwarded;
    private bool replayed;

    public ImportRuntime(InstanceEnvironment environment, IActorRef source, string sourceDataflow, string readerId, ArrangedOutput<TKey, TVal, TTime, TDiff> output)
        : base(environment)
    {
        this.source = source;
        this.sourceDataflow = sourceDataflow;
        this.output = output;
        this.readerId = readerId;
        var minimum = Antichain<TTime>.From(Timestamp.Minimum<TTime>());
        capabilities = new HeldCapabilities<TTime>(Progress, Location.Source(Operator, 0), minimum);
        foreach (var (op, port) in output.Readers)
            readers.Register(ArrangedOutput<TKey, TVal, TTime, TDiff>.ReaderId(op, port), minimum);
    }

    protected override void OnStarted()
    {
        Watch(source);
        source.Tell(new TraceProtocol.Subscribe(readerId, Self));
    }

    protected override void OnBatch(int port, object batch) =>
        throw new InvalidOperationException("An imported arrangement has no inputs.");

    protected override void OnOtherMessage(object message)
    {
        switch (message)
        {
            case TraceProtocol.Advanced<TKey, TVal, TTime, TDiff> advanced:
                Forward(advanced);
                break;
            case TraceProtocol.AllowCompaction<TTime> allow:
                readers.Advance(allow.ReaderId, allow.Frontier);
                var since = readers.Since(whenUnread: new Antichain<TTime>());
                if (!since.Equals(forwarded))
                {
                    forwarded = since;
                    source.Tell(new TraceProtocol.AllowCompaction<TTime>(readerId, since));
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

    private void Forward(TraceProtocol.Advanced<TKey, TVal, TTime, TDiff> advanced)
    {
        if (!replayed)
        {
            // The first message is the trace as it was when we subscribed: replay it batch by batch.
            replayed = true;
            for (var i = 0; i < advanced.Trace.Count; i++)
                if (advanced.Trace[i].UpdateCount > 0)
                    output.Send(new TraceProtocol.Advanced<TKey, TVal, TTime, TDiff>(advanced.Trace[i], [.. advanced.Trace.Take(i + 1)], advanced.Trace[i].Description.Upper), this);
        }
        else if (advanced.Batch.UpdateCount > 0)
        {
            output.Send(advanced, this);
        }
        capabilities.HoldExactly(advanced.Upper);
    }
}
