using System.Diagnostics;
using Akka.Actor;
using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Progress.Tracking;
using static AkkaDifferential.Runtime.Progress.FrontierProtocol;
using static AkkaDifferential.Runtime.Progress.NodeProgressProtocol;
using AkkaDifferential.Runtime.Wire;

namespace AkkaDifferential.Runtime.Progress;

/// <summary>
/// The progress agent of a cluster member: every local sender (operator instances, input sessions) reports its
/// <see cref="ProgressUpdate"/>s here instead of to the frontier singleton (on one node they report to the frontier
/// actor directly, <see cref="LocalFrontierService"/>). The agent consolidates them per dataflow
/// and, once the reports already in its mailbox are in, flushes them as one <see cref="NodeProgress"/> with the next
/// sequence number, as timely accumulates progress per worker before it crosses the network. It keeps each message
/// until the frontier actor acknowledges it and resends what stays unacknowledged for <c>resendAfter</c>: the frontier
/// actor applies each sequence once and in order, so resending is safe and nothing is dropped silently (a singleton
/// proxy buffers only so much while the singleton moves). Its numbering belongs to one frontier incarnation: when a
/// new one answers <see cref="Resynchronize"/> (the singleton moved), it numbers what is unacknowledged from 1 again
/// and resends it there.
/// </summary>
/// <remarks>
/// Merging the batches of several senders into one atomic batch only delays each of them, which is safe: frontiers
/// may lag, never lead. Each sender's batches keep their order, since they pass through here in the order sent.
/// </remarks>
internal sealed class ProgressAgent : UntypedActor, IWithTimers
{
    private readonly IActorRef frontier;
    private readonly string node;
    private readonly TimeSpan resendAfter;
    private readonly Dictionary<DataflowId, List<PointstampChange[]>> pending = [];
    private readonly Dictionary<(Location, FlatTime), long> scratch = [];
    // In sequence order, without gaps: sent messages are appended and acknowledged ones leave from the front.
    private readonly List<(NodeProgress Message, long SentAt)> unacked = [];
    private long next = 1;
    private bool flushQueued;
    // The frontier incarnation the numbering belongs to; empty until a frontier actor has acknowledged a message.
    private Guid incarnation;

    /// <summary>An agent reporting to <paramref name="frontier"/> as <paramref name="node"/>.</summary>
    public ProgressAgent(IActorRef frontier, string node, TimeSpan resendAfter)
    {
        this.frontier = frontier;
        this.node = node;
        this.resendAfter = resendAfter;
    }

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props of an agent named <paramref name="node"/>, which must be unique per agent incarnation in the cluster.</summary>
    public static Props Props(IActorRef frontier, string node, TimeSpan resendAfter) =>
        Akka.Actor.Props.Create(typeof(ProgressAgent), frontier, node, resendAfter);

    /// <summary>The messages sent and not acknowledged yet (for tests).</summary>
    public sealed record GetUnacked : ILocalOnly
    {
        /// <summary>The one instance.</summary>
        public static GetUnacked Instance { get; } = new();
    }

    /// <inheritdoc/>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ProgressUpdate update:
                if (!pending.TryGetValue(update.Dataflow, out var batches))
                    pending[update.Dataflow] = batches = [];
                batches.Add(update.Changes);
                if (!flushQueued)
                {
                    flushQueued = true;
                    Self.Tell(Flush.Instance);
                }
                break;
            case Flush:
                flushQueued = false;
                FlushPending();
                break;
            case NodeProgressAck ack:
                if (incarnation == Guid.Empty)
                    incarnation = ack.Frontier;
                else if (ack.Frontier != incarnation)
                    break;
                var acknowledged = 0;
                while (acknowledged < unacked.Count && unacked[acknowledged].Message.Sequence <= ack.Sequence)
                    acknowledged++;
                unacked.RemoveRange(0, acknowledged);
                break;
            case Resend:
                // The timer runs while anything waits, and stops at the first tick with nothing waiting rather than
                // at each acknowledgement, which would start and stop it once per flush.
                if (unacked.Count == 0)
                {
                    Timers.Cancel(Resend.Instance);
                    break;
                }
                var now = Stopwatch.GetTimestamp();
                for (var i = 0; i < unacked.Count; i++)
                    if (Stopwatch.GetElapsedTime(unacked[i].SentAt, now) >= resendAfter)
                    {
                        frontier.Tell(unacked[i].Message);
                        unacked[i] = (unacked[i].Message, now);
                    }
                break;
            case Resynchronize resynchronize when resynchronize.Frontier != incarnation:
                Renumber(resynchronize.Frontier);
                break;
            case Resynchronize:
                // A second answer from the same new incarnation, to a message sent before the first: done already.
                break;
            case GetUnacked:
                Sender.Tell(unacked.Select(entry => entry.Message.Sequence).ToArray());
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void FlushPending()
    {
        if (pending.Count == 0)
            return;
        var updates = new ProgressUpdate[pending.Count];
        var i = 0;
        foreach (var (dataflow, batches) in pending)
            updates[i++] = new ProgressUpdate(dataflow, batches.Count == 1 ? batches[0] : Consolidate(batches));
        pending.Clear();
        Send(updates);
    }

    private void Send(ProgressUpdate[] updates)
    {
        var flushed = new NodeProgress(node, next++, updates, incarnation);
        unacked.Add((flushed, Stopwatch.GetTimestamp()));
        frontier.Tell(flushed);
        if (!Timers.IsTimerActive(Resend.Instance))
            Timers.StartPeriodicTimer(Resend.Instance, Resend.Instance, resendAfter);
    }

    /// <summary>
    /// Numbers every unacknowledged message from 1 again, in order, for the frontier incarnation
    /// <paramref name="frontierIncarnation"/>, and sends them there.
    /// </summary>
    private void Renumber(Guid frontierIncarnation)
    {
        incarnation = frontierIncarnation;
        var waiting = unacked.Select(entry => entry.Message.Updates).ToList();
        unacked.Clear();
        next = 1;
        foreach (var updates in waiting)
            Send(updates);
    }

    private PointstampChange[] Consolidate(List<PointstampChange[]> batches)
    {
        foreach (var batch in batches)
            foreach (var change in batch)
            {
                var key = (change.Location, change.Time);
                scratch[key] = scratch.GetValueOrDefault(key) + change.Delta;
            }
        var result = new List<PointstampChange>(scratch.Count);
        foreach (var ((location, time), delta) in scratch)
            if (delta != 0)
                result.Add(new PointstampChange(location, time, delta));
        scratch.Clear();
        return [.. result];
    }

    /// <summary>Sends what the mailbox has brought since the last flush.</summary>
    private sealed class Flush : ILocalOnly
    {
        public static Flush Instance { get; } = new();
    }

    /// <summary>Resends what has waited too long for its acknowledgement.</summary>
    private sealed class Resend : ILocalOnly
    {
        public static Resend Instance { get; } = new();
    }
}
