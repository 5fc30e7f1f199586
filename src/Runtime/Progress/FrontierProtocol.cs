using Akka.Actor;
using Akka.Event;
using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Runtime.Progress;

/// <summary>
/// The messages the <see cref="FrontierActor"/> accepts and sends. Those that may reach a stopped dataflow's actors
/// are <see cref="IDeadLetterSuppression"/>: an orderly stop logs no dead letters.
/// </summary>
internal static class FrontierProtocol
{
    /// <summary>
    /// Starts tracking a dataflow. <paramref name="InitialPointstamps"/> are the capabilities its operators hold
    /// before any of them runs (inputs hold one at the minimum time). <paramref name="Listeners"/> receive every
    /// <see cref="FrontiersAdvanced"/>; <paramref name="Observers"/> are, per operator, the actors (one per bucket)
    /// that receive the changes of that operator's input ports only, straight from the frontier actor, in one message
    /// per publication. <paramref name="Backlog"/>, when given, is told when the messages queued at the dataflow's
    /// operator inputs rise above its bound and when they fall back. The sender is answered with <see cref="Registered"/>.
    /// </summary>
    public sealed record Register(
        DataflowId Dataflow,
        ProgressGraph Graph,
        IReadOnlyList<PointstampChange> InitialPointstamps,
        IReadOnlyList<IActorRef> Listeners,
        IReadOnlyDictionary<int, IReadOnlyList<IActorRef>>? Observers = null,
        BacklogWatch? Backlog = null);

    /// <summary>
    /// Who learns of a dataflow's backlog, and at what bound: <paramref name="Watcher"/> is sent
    /// <see cref="BacklogChanged"/> with <c>OverBound</c> true when more than <paramref name="Bound"/> messages are
    /// queued at its operator inputs (<see cref="ProgressTracker.Queued"/>), and false once no more than half as many are.
    /// </summary>
    public sealed record BacklogWatch(IActorRef Watcher, long Bound);

    /// <summary>A dataflow's backlog crossed its <see cref="BacklogWatch"/>'s bound (upwards) or half of it (downwards).</summary>
    public sealed record BacklogChanged(DataflowId Dataflow, bool OverBound) : IDeadLetterSuppression;

    /// <summary>The answer to <see cref="Register"/>.</summary>
    public sealed record Registered(DataflowId Dataflow) : IDeadLetterSuppression;

    /// <summary>
    /// Stops tracking a dataflow; later updates for it are dropped. Sent as the dataflow stops, so it may meet a
    /// frontier actor that stopped first (its engine shutting down, or its cluster member gone).
    /// </summary>
    public sealed record Unregister(DataflowId Dataflow) : IDeadLetterSuppression;

    /// <summary>
    /// One atomic batch of pointstamp changes from one sender, consolidated by that sender. All changes of a batch
    /// take effect together.
    /// </summary>
    public sealed record ProgressUpdate(DataflowId Dataflow, PointstampChange[] Changes) : IDeadLetterSuppression;

    /// <summary>
    /// Asks for the frontier of one input port: <paramref name="Subscriber"/> receives its current frontier at once,
    /// then every change, as <see cref="FrontiersAdvanced"/> holding only that port.
    /// </summary>
    public sealed record Subscribe(DataflowId Dataflow, Location Target, IActorRef Subscriber) : IDeadLetterSuppression;

    /// <summary>New frontiers of input ports of a dataflow (only the ports whose frontier changed).</summary>
    public sealed record FrontiersAdvanced(DataflowId Dataflow, TargetFrontier[] Frontiers) : IDeadLetterSuppression;

    /// <summary>
    /// One publication's changes for the observers on one node, sent to that node's <see cref="FrontierRelay"/>:
    /// <paramref name="Frontiers"/> sorted by operator, and per observer the run of them it observes.
    /// </summary>
    public sealed record RelayedFrontiers(DataflowId Dataflow, TargetFrontier[] Frontiers, RelayedFrontiers.Part[] Parts) : IDeadLetterSuppression
    {
        /// <summary>The changes <c>Frontiers[Start..End]</c> are for <paramref name="Observer"/>.</summary>
        public readonly record struct Part(IActorRef Observer, int Start, int End);
    }

    /// <summary>The frontier of one input port, as its minimal flattened times; empty when the input is finished.</summary>
    public sealed record TargetFrontier(Location Target, FlatTime[] Frontier);
}
