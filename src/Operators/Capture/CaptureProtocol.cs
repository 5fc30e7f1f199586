using Akka.Event;
using AkkaDifferential.Arrangements.Updates;
using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Operators.Capture;

/// <summary>
/// What a capture's instances send to the capture's actor on the driver; <see cref="IDeadLetterSuppression"/>, so a
/// capture stopped with its dataflow logs no dead letters.
/// </summary>
internal static class CaptureProtocol
{
    /// <summary>
    /// A batch of updates that reached the capture at <paramref name="Bucket"/> of the dataflow's incarnation
    /// <paramref name="Incarnation"/> (its id's instance); from a member to the driver, it crosses nodes.
    /// </summary>
    public sealed record Captured(Guid Incarnation, int Bucket, IUpdateBatch Batch) : IDeadLetterSuppression;

    /// <summary>
    /// The capture's input frontier as seen at <paramref name="Bucket"/> of incarnation <paramref name="Incarnation"/>,
    /// sent after every batch that preceded it, so that the driver knows all of that bucket's updates before the
    /// frontier have arrived.
    /// </summary>
    public sealed record CapturedFrontier(Guid Incarnation, int Bucket, FlatTime[] Frontier) : IDeadLetterSuppression;
}
