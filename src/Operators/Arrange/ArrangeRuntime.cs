using Akka.Actor;
using AkkaDifferential.Arrangements.Readers;
using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Operators.Runtime;
using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Progress.Tracking;
using AkkaDifferential.Runtime.Readers;
using AkkaDifferential.Runtime.Wire;

namespace AkkaDifferential.Operators.Arrange;

/// <summary>
/// The arrangement actor's logic at one bucket: it owns the trace (a <see cref="Spine{TKey, TVal, TTime, TDiff}"/>)
/// of the updates whose keys hash to the bucket. Updates wait until the input frontier passes their time, then are
/// sealed into an immutable batch, appended to the spine, and announced with a snapshot of the trace to every
/// reader. Merging is done in bounded steps between messages. History is compacted only as far as every reader
/// (operators of this dataflow, importing dataflows, user handles) allows. Every batch it seals has the
/// arrangement's <see cref="KeyLayout"/>, so its whole trace has one.
/// </summary>
internal sealed class ArrangeRuntime<TKey, TVal, TTime, TDiff> : OperatorRuntime<TTime> where TTime : notnull
{
    /// <summary>Merge work done per background step, in updates: bounds how long the actor is busy at a time.</summary>
    private const long FuelPerStep = 100_000;

    private readonly Spine<TKey, TVal, TTime, TDiff> spine = new();
    private readonly ArrangedOutput<TKey, TVal, TTime, TDiff> output;
    private readonly ReaderFrontiers<TTime> readers = new();
    private readonly Dictionary<string, IActorRef> subscribers = [];
    private readonly MergeBatcher<TKey, TVal, TTime, TDiff> pending;
    private readonly HeldCapabilities<TTime> capabilities;
    private bool workRequested;
    // How far the compaction frontier trails the upper, and the reader holding it, as of the last Compact.
    private long compactionLag;
    private string? heldBy;

    public ArrangeRuntime(InstanceEnvironment environment, ArrangedOutput<TKey, TVal, TTime, TDiff> output, KeyLayout layout) : base(environment)
    {
        this.output = output;
        pending = new MergeBatcher<TKey, TVal, TTime, TDiff>(layout);
        capabilities = new HeldCapabilities<TTime>(Progress, Location.Source(Operator, 0));
        foreach (var (op, port) in output.Readers)
            readers.Register(ArrangedOutput<TKey, TVal, TTime, TDiff>.ReaderId(op, port), spine.Since);
    }

    protected override void OnBatch(int port, object batch)
    {
        var updates = (UpdateBatch<(TKey Key, TVal Value), TTime, TDiff>)batch;
        pending.Push(updates);
        // Held at the times the message was counted at, which the seal releases all at once (see MessageTimes).
        if (ActivationTimes is { } times)
            pending.Lower(times);
        capabilities.HoldExactly(pending.Frontier, ActivationTimes ?? updates.MinimalTimes);
    }

    protected override void OnFrontierAdvanced()
    {
        var frontier = InputFrontier(0);
        if (frontier.Equals(spine.Upper))
            return;
        CountMessagesAt(capabilities.Held);
        var sealedBatch = pending.Seal(frontier, new Description<TTime>(spine.Upper, frontier, spine.Since));
        spine.Insert(sealedBatch);
        var advanced = new TraceProtocol.Advanced<TKey, TVal, TTime, TDiff>(sealedBatch, spine.Batches, frontier);
        if (sealedBatch.UpdateCount > 0)
            output.Send(advanced, this);
        foreach (var subscriber in subscribers.Values)
            subscriber.TellLocal(advanced);
        capabilities.HoldExactly(pending.Frontier);
        Compact();
    }

    protected override void OnStarted() => ReportSize();

    protected override void OnOtherMessage(object message)
    {
        switch (message)
        {
            case RuntimeProtocol.Work:
                workRequested = false;
                spine.Work(FuelPerStep);
                ScheduleWork();
                ReportSize();
                break;
            case TraceProtocol.AllowCompaction<TTime> allow:
                Guard(allow.ReaderId, () => readers.Advance(allow.ReaderId, allow.Frontier));
                Compact();
                break;
            case TraceProtocol.Subscribe<TTime> subscribe:
                // A reader registered by a handle (Hold) may be taken over by an importing dataflow's instance, which
                // brings the frontier the handle holds.
                if (!readers.Contains(subscribe.ReaderId) && !Guard(subscribe.ReaderId, () => readers.Register(subscribe.ReaderId, spine.Since)))
                    break;
                if (!Guard(subscribe.ReaderId, () => readers.Advance(subscribe.ReaderId, subscribe.Since)))
                    break;
                subscribers[subscribe.ReaderId] = subscribe.Reader;
                Watch(subscribe.Reader);
                subscribe.Reader.TellLocal(new TraceProtocol.Advanced<TKey, TVal, TTime, TDiff>(
                    TraceBatch<TKey, TVal, TTime, TDiff>.Empty(new Description<TTime>(spine.Upper, spine.Upper, spine.Since)), spine.Batches, spine.Upper));
                Compact();
                break;
            case TraceProtocol.Hold hold:
                var since = spine.Since;
                if (Guard(hold.ReaderId, () => readers.Register(hold.ReaderId, since)))
                    Sender.Tell(new TraceProtocol.Held<TTime>(hold.ReaderId, since));
                break;
            case TraceProtocol.Release release:
                Guard(release.ReaderId, () => readers.Release(release.ReaderId));
                subscribers.Remove(release.ReaderId);
                Compact();
                break;
            case Terminated terminated:
                foreach (var (id, _) in subscribers.Where(s => s.Value.Equals(terminated.ActorRef)).ToList())
                {
                    readers.Release(id);
                    subscribers.Remove(id);
                }
                Compact();
                break;
            case TraceProtocol.GetStatus:
                Sender.Tell(new TraceProtocol.StatusReport<TTime>(new TraceStatus<TTime>(spine.Since, spine.Upper, spine.UpdateCount, spine.Batches.Count, [.. readers.Readers])));
                break;
            default:
                base.OnOtherMessage(message);
                break;
        }
    }

    /// <summary>Runs a reader-protocol change; a refusal is answered to the sender and does not fail the dataflow.</summary>
    private bool Guard(string reader, Action change)
    {
        try
        {
            change();
            return true;
        }
        catch (InvalidOperationException ex)
        {
            Sender.Tell(new TraceProtocol.Refused(reader, ex.Message));
            return false;
        }
    }

    /// <summary>
    /// Advances the trace's compaction frontier as far as every reader allows, schedules the merges that follow, and
    /// publishes the trace's size with how far the frontier now trails the trace's upper (in the outermost
    /// coordinate) and the reader holding it there when it trails by more than one. Called wherever the upper or a
    /// reader's frontier may have moved.
    /// </summary>
    private void Compact()
    {
        var since = readers.Since(whenUnread: spine.Upper);
        if (!since.Equals(spine.Since) && spine.Since.Dominates(since))
            spine.AdvanceSince(since);
        ScheduleWork();
        compactionLag = spine.Upper.Elements.Count == 0 ? 0 : Math.Max(0, Outermost(spine.Upper) - Outermost(spine.Since));
        heldBy = compactionLag > 1 ? readers.HoldingBack(spine.Since) : null;
        ReportSize();
    }

    /// <summary>Publishes the trace's size at this bucket, and its compaction lag as <see cref="Compact"/> last found it, to the operator's counters.</summary>
    private void ReportSize() => Counters.Arrangement(spine.KeyCount, spine.UpdateCount, spine.BatchCount, compactionLag, heldBy);

    private static long Outermost(Antichain<TTime> frontier)
    {
        var least = long.MaxValue;
        foreach (var time in frontier.Elements)
            least = Math.Min(least, FlatTime.From(time).Coordinates[0]);
        return least;
    }

    private void ScheduleWork()
    {
        if (spine.HasPendingWork && !workRequested)
        {
            workRequested = true;
            RequestWork();
        }
    }
}
