using Akka.Event;
using AkkaDifferential.Progress.Tracking;
using AkkaDifferential.Runtime.Wire;

namespace AkkaDifferential.Operators.Recovery;

/// <summary>
/// What a dataflow's owner tells the endpoints on its driver (captures, change streams, probes) when it redeploys
/// itself after losing a bucket or its frontier actor (docs/recovery.md). Local to the driver.
/// </summary>
internal static class RecoveryProtocol
{
    /// <summary>
    /// The dataflow is redeployed as <paramref name="Incarnation"/>, whose input is the retained input with its times
    /// advanced by <paramref name="Since"/> (a frontier that every endpoint of the dataflow had passed). From now on
    /// the endpoint takes updates and frontiers of that incarnation only, keeps the frontier it reported until the
    /// new incarnation passes it (a frontier never goes back), and delivers only the difference between what the new
    /// incarnation produces and what it had already told, at each time the new incarnation closes.
    /// </summary>
    public sealed record Recover(DataflowId Incarnation, FlatTime[] Since) : ILocalOnly, IDeadLetterSuppression;
}
