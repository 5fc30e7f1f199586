using Akka.Actor;
using Akka.Event;
using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Progress.Tracking;
using static AkkaDifferential.Runtime.Progress.FrontierProtocol;
using AkkaDifferential.Runtime.Wire;

namespace AkkaDifferential.Runtime.Progress;

/// <summary>
/// Aggregates the pointstamp counts of every dataflow of an engine and publishes the frontiers of operator inputs
/// to the dataflows' listeners and to the operator instances that observe them. Each engine starts one, as a plain
/// actor of its actor system (<see cref="LocalFrontierService"/>). Dataflows are keyed by their
/// <see cref="DataflowId"/>, unique per deployment, so dataflows that share a name never share progress. Updates for
/// a dataflow that is not registered yet are kept and applied on registration: messages from different senders are
/// not ordered, so an operator instance's first report can overtake the registration.
/// </summary>
/// <remarks>
/// Publication is coalesced: an update only marks its dataflow dirty and, if none is pending, queues a
/// <see cref="PublishPending"/> message to the actor itself. Every update already waiting in the mailbox is applied before
/// it, so a burst of reports costs one frontier computation and one message per bucket. Delaying publication is
/// always safe: frontiers may lag, never lead. Observers on another node get a publication's changes through that
/// node's <see cref="FrontierRelay"/>, in one message per node, not one per observer. Node agents are acknowledged
/// once per <see cref="AckInterval"/> at most, with the highest sequence applied: an acknowledgement only lets the agent
/// drop what it keeps for resending, and the agent resends after a second. A dataflow registered with a
/// <see cref="BacklogWatch"/> has its watcher told, as each update is applied, when the messages queued at its
/// operator inputs cross the bound (and fall back to half of it): its input sessions wait while they are over it.
/// </remarks>
internal sealed class FrontierActor : UntypedActor, IWithTimers
{
    /// <summary>How long an acknowledgement waits, so that the flushes of a node in that time share one.</summary>
    public static readonly TimeSpan AckInterval = TimeSpan.FromMilliseconds(100);

    private readonly Dictionary<DataflowId, DataflowProgress> dataflows = [];
    private readonly Dictionary<DataflowId, List<ProgressUpdate>> early = [];
    private readonly HashSet<DataflowId> retired = [];
    private readonly HashSet<DataflowId> dirty = [];
    private readonly SequenceGate gate = new();
    private readonly Dictionary<string, IActorRef> acksDue = [];
    private readonly Dictionary<Address, ActorSelection> relays = [];
    private readonly Dictionary<Address, List<RelayedFrontiers.Part>> remoteParts = [];
    // Which incarnation this is: a frontier actor started afresh (a moved singleton) knows no node's numbering.
    private readonly Guid incarnation = Guid.NewGuid();
    private bool publishQueued;
    private readonly ILoggingAdapter log = Context.GetLogger();

    /// <summary>Props for a frontier actor.</summary>
    public static Props Props() => Akka.Actor.Props.Create(() => new FrontierActor());

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc/>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ProgressUpdate update:
                OnProgress(update);
                break;
            case NodeProgressProtocol.NodeProgress flushed:
                OnNodeProgress(flushed);
                break;
            case PublishPending:
                publishQueued = false;
                foreach (var id in dirty)
                    if (dataflows.TryGetValue(id, out var progress))
                        Publish(id, progress, progress.Tracker.Recompute());
                dirty.Clear();
                break;
            case SendAcks:
                foreach (var (node, agent) in acksDue)
                    agent.Tell(new NodeProgressProtocol.NodeProgressAck(node, gate.Applied(node), incarnation));
                acksDue.Clear();
                break;
            case Register register:
                OnRegister(register);
                break;
            case Subscribe subscribe:
                OnSubscribe(subscribe);
                break;
            case Unregister unregister:
                dataflows.Remove(unregister.Dataflow);
                early.Remove(unregister.Dataflow);
                retired.Add(unregister.Dataflow);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void OnRegister(Register register)
    {
        ProgressTracker tracker;
        try
        {
            tracker = new ProgressTracker(register.Graph);
        }
        catch (ArgumentException ex)
        {
            // A malformed graph is refused to its sender; the other dataflows' progress state stays.
            Sender.Tell(new Status.Failure(new ArgumentException($"Dataflow '{register.Dataflow.Name}' cannot be registered: {ex.Message}", ex)));
            return;
        }
        var progress = new DataflowProgress(tracker, register.Listeners, register.Observers ?? new Dictionary<int, IReadOnlyList<IActorRef>>(), register.Backlog);
        dataflows[register.Dataflow] = progress;
        Publish(register.Dataflow, progress, progress.Tracker.Apply(register.InitialPointstamps));
        if (early.Remove(register.Dataflow, out var pending))
            foreach (var update in pending)
                OnProgress(update);
        Sender.Tell(new Registered(register.Dataflow));
    }

    /// <summary>
    /// A node agent's flush: applied once and in its node's sequence order (a resend of an applied one is dropped, one
    /// after a gap held until the gap fills), and acknowledged with the highest sequence applied so far (within
    /// <see cref="AckInterval"/>, one acknowledgement for the node's flushes in that time). A flush numbered for
    /// another incarnation of the frontier actor is not applied: the agent is asked to number again at once.
    /// </summary>
    private void OnNodeProgress(NodeProgressProtocol.NodeProgress flushed)
    {
        if (flushed.Frontier != Guid.Empty && flushed.Frontier != incarnation)
        {
            Sender.Tell(new NodeProgressProtocol.Resynchronize(incarnation));
            return;
        }
        var ready = gate.Accept(flushed);
        foreach (var message in ready)
            foreach (var update in message.Updates)
                OnProgress(update);
        if (ready.Count == 0 && flushed.Sequence > gate.Applied(flushed.Node))
            log.Warning("Progress of node {0}: message {1} arrived before {2}; holding it until the gap fills", flushed.Node, flushed.Sequence, gate.Applied(flushed.Node) + 1);
        acksDue[flushed.Node] = Sender;
        if (!Timers.IsTimerActive(SendAcks.Instance))
            Timers.StartSingleTimer(SendAcks.Instance, SendAcks.Instance, AckInterval);
    }

    private void OnProgress(ProgressUpdate update)
    {
        if (!dataflows.TryGetValue(update.Dataflow, out var progress))
        {
            if (retired.Contains(update.Dataflow))
                return;
            if (!early.TryGetValue(update.Dataflow, out var pending))
                early[update.Dataflow] = pending = [];
            pending.Add(update);
            return;
        }
        try
        {
            var moved = progress.Tracker.Update(update.Changes);
            WatchBacklog(update.Dataflow, progress);
            if (!moved)
                return;
            dirty.Add(update.Dataflow);
            if (!publishQueued)
            {
                publishQueued = true;
                Self.Tell(PublishPending.Instance);
            }
        }
        catch (ArgumentException ex)
        {
            // A malformed batch is a bug in its sender; it must not cost the other dataflows their progress state.
            log.Error(ex, "Dropping a malformed progress update of dataflow {0}", update.Dataflow);
        }
    }

    /// <summary>Tells the backlog's watcher when the queued messages cross its bound, and again when they fall to half of it.</summary>
    private static void WatchBacklog(DataflowId dataflow, DataflowProgress progress)
    {
        if (progress.Backlog is not { } watch)
            return;
        var queued = progress.Tracker.Queued;
        if (progress.OverBound ? 2 * queued > watch.Bound : queued <= watch.Bound)
            return;
        progress.OverBound = !progress.OverBound;
        watch.Watcher.Tell(new BacklogChanged(dataflow, progress.OverBound));
    }

    private void OnSubscribe(Subscribe subscribe)
    {
        if (!dataflows.TryGetValue(subscribe.Dataflow, out var progress))
        {
            log.Warning("Subscription to {0} of unknown dataflow {1}", subscribe.Target, subscribe.Dataflow);
            return;
        }
        Antichain<FlatTime> current;
        try
        {
            current = progress.Tracker.Frontier(subscribe.Target);
        }
        catch (ArgumentException ex)
        {
            // A port that is not an input of the graph is refused to the subscriber; nothing else is touched.
            subscribe.Subscriber.Tell(new Status.Failure(new ArgumentException($"Cannot subscribe to {subscribe.Target} of dataflow '{subscribe.Dataflow.Name}': {ex.Message}", ex)));
            return;
        }
        if (!progress.Subscribers.TryGetValue(subscribe.Target, out var list))
            progress.Subscribers[subscribe.Target] = list = [];
        list.Add(subscribe.Subscriber);
        subscribe.Subscriber.Tell(new FrontiersAdvanced(subscribe.Dataflow, [new TargetFrontier(subscribe.Target, [.. current.Elements])]));
    }

    private void Publish(
        DataflowId dataflow,
        DataflowProgress progress,
        IReadOnlyList<(Location Target, Antichain<FlatTime> Frontier)> changed)
    {
        if (changed.Count == 0)
            return;
        var frontiers = new TargetFrontier[changed.Count];
        for (var i = 0; i < changed.Count; i++)
            frontiers[i] = new TargetFrontier(changed[i].Target, [.. changed[i].Frontier.Elements]);
        // Sorted by operator before any message shares the array: each operator's observers get a run of it.
        if (progress.Observers.Count > 0)
            Array.Sort(frontiers, static (a, b) => a.Target.Operator.CompareTo(b.Target.Operator));
        var message = new FrontiersAdvanced(dataflow, frontiers);
        foreach (var listener in progress.Listeners)
            listener.Tell(message);
        if (progress.Observers.Count > 0)
            PublishToObservers(dataflow, progress, frontiers);
        foreach (var frontier in frontiers)
            if (progress.Subscribers.TryGetValue(frontier.Target, out var subscribers))
                foreach (var subscriber in subscribers)
                    subscriber.Tell(new FrontiersAdvanced(dataflow, [frontier]));
    }

    /// <summary>
    /// Sends each operator's observers the run of <paramref name="frontiers"/> (sorted by operator) of its ports: those on
    /// this node directly, those on other nodes in one <see cref="RelayedFrontiers"/> per node, to its relay.
    /// </summary>
    private void PublishToObservers(DataflowId dataflow, DataflowProgress progress, TargetFrontier[] frontiers)
    {
        for (var start = 0; start < frontiers.Length;)
        {
            var op = frontiers[start].Target.Operator;
            var end = start + 1;
            while (end < frontiers.Length && frontiers[end].Target.Operator == op)
                end++;
            if (progress.Observers.TryGetValue(op, out var observers))
            {
                FrontiersAdvanced? forOperator = null;
                foreach (var observer in observers)
                {
                    var address = observer.Path.Address;
                    if (address.HasLocalScope)
                    {
                        observer.Tell(forOperator ??= new FrontiersAdvanced(dataflow, frontiers[start..end]));
                        continue;
                    }
                    if (!remoteParts.TryGetValue(address, out var parts))
                        remoteParts[address] = parts = [];
                    parts.Add(new RelayedFrontiers.Part(observer, start, end));
                }
            }
            start = end;
        }
        foreach (var (address, parts) in remoteParts)
        {
            if (parts.Count == 0)
                continue;
            if (!relays.TryGetValue(address, out var relay))
                relays[address] = relay = Context.ActorSelection(FrontierRelay.Path(address));
            relay.Tell(new RelayedFrontiers(dataflow, frontiers, [.. parts]));
            parts.Clear();
        }
    }

    /// <summary>Acknowledges the node agents whose flushes arrived since the last acknowledgement.</summary>
    private sealed class SendAcks
    {
        public static SendAcks Instance { get; } = new();
    }

    /// <summary>Publishes the frontiers of the dataflows updated since the last publication.</summary>
    private sealed class PublishPending : ILocalOnly
    {
        public static PublishPending Instance { get; } = new();
    }

    private sealed record DataflowProgress(
        ProgressTracker Tracker, IReadOnlyList<IActorRef> Listeners, IReadOnlyDictionary<int, IReadOnlyList<IActorRef>> Observers, BacklogWatch? Backlog)
    {
        public Dictionary<Location, List<IActorRef>> Subscribers { get; } = [];

        /// <summary>True from the update that queued more than the backlog's bound until one that left half of it or less.</summary>
        public bool OverBound { get; set; }
    }
}
