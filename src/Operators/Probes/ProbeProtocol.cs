using Akka.Actor;
using Akka.Event;
using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Operators.Probes;

/// <summary>
/// What a probe's actor is told: what it observes, and how far the captures it waits for are complete. Every message
/// is <see cref="IDeadLetterSuppression"/>: a probe stopped with its dataflow logs no dead letters.
/// </summary>
internal static class ProbeProtocol
{
    /// <summary>
    /// Sent by the dataflow actor once per incarnation of the dataflow (<paramref name="Dataflow"/>, whose frontier
    /// changes it takes), before anything the probe observes can report: the frontiers the probe's is the meet of.
    /// <paramref name="Targets"/> are the input ports reading the probed collection, whose frontiers come from the
    /// frontier actor; <paramref name="Captures"/> are the actors of the captures reading it, which report their
    /// delivery frontiers.
    /// </summary>
    public sealed record Observe(DataflowId Dataflow, IReadOnlyList<Location> Targets, IReadOnlyList<IActorRef> Captures) : IDeadLetterSuppression;

    /// <summary>
    /// Asks a capture's or change stream's actor to send <paramref name="Probe"/> its delivery frontier now and at every
    /// change; a probe's actor answers it too, with its own frontier (the owner of a dataflow that recovers asks every
    /// endpoint, to know which times every output has passed).
    /// </summary>
    public sealed record ReportDelivery(IActorRef Probe) : IDeadLetterSuppression;

    /// <summary>A capture's delivery frontier: every update at a time before it is in the capture's handle.</summary>
    public sealed record Delivered(FlatTime[] Frontier) : IDeadLetterSuppression;
}
