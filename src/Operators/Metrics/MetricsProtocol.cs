using Akka.Event;
using AkkaDifferential.Runtime.Wire;

namespace AkkaDifferential.Operators.Metrics;

/// <summary>
/// How a dataflow's counters reach its owner on the driver, by message and never through an object that actors
/// share: every operator instance keeps its own counters (<see cref="OperatorCounters"/>) and hands a copy to its
/// bucket when the bucket collects them (<see cref="Collect"/>, <see cref="Collected"/>); the bucket sends one
/// consolidated <see cref="BucketReport"/> to the owner every <c>metrics-report-interval</c> while they change, and at
/// once when the owner asks (<see cref="ReportNow"/>), which it does when the driver asks for a fresh snapshot
/// (<see cref="Refresh"/>). Every message is <see cref="IDeadLetterSuppression"/>: one that meets a stopped bucket, owner
/// or asker (a snapshot asked for while the dataflow stops, which answers with the figures last reported) is a dead
/// letter of an orderly stop, not logged.
/// </summary>
internal static class MetricsProtocol
{
    /// <summary>A bucket asks each of its operator instances for its counters (round <paramref name="Round"/>).</summary>
    public sealed record Collect(long Round) : ILocalOnly, IDeadLetterSuppression;

    /// <summary>
    /// An instance's answer to <see cref="Collect"/>: the figures of its operator and of the operators fused into its
    /// activations, or null when none changed since its last answer.
    /// </summary>
    public sealed record Collected(long Round, IReadOnlyList<OperatorFigures>? Figures) : ILocalOnly, IDeadLetterSuppression;

    /// <summary>
    /// The owner asks every bucket of incarnation <paramref name="Dataflow"/> for its counters now; each answers with a
    /// <see cref="BucketReport"/> of <paramref name="Request"/> once all its instances have answered.
    /// </summary>
    public sealed record ReportNow(DataflowId Dataflow, long Request) : IDeadLetterSuppression;

    /// <summary>
    /// The counters of every operator instance of bucket <paramref name="Bucket"/> of incarnation
    /// <paramref name="Dataflow"/>, which runs on <paramref name="Member"/> (its actor system's address), as one
    /// message: per operator with instances, its figures. <paramref name="Request"/> is the latest
    /// <see cref="ReportNow"/> it answers, 0 for a periodic report.
    /// </summary>
    public sealed record BucketReport(DataflowId Dataflow, int Bucket, string Member, long Request, IReadOnlyList<OperatorFigures> Operators) : IDeadLetterSuppression;

    /// <summary>
    /// Asks a dataflow's owner, on the driver, to have every bucket report now; answered with <see cref="Refreshed"/>
    /// once each bucket of the current incarnation has.
    /// </summary>
    public sealed record Refresh : ILocalOnly, IDeadLetterSuppression
    {
        /// <summary>The one instance.</summary>
        public static Refresh Instance { get; } = new();
    }

    /// <summary>The answer to <see cref="Refresh"/>: the owner has every bucket's report, taken after the request.</summary>
    public sealed record Refreshed : ILocalOnly, IDeadLetterSuppression
    {
        /// <summary>The one instance.</summary>
        public static Refreshed Instance { get; } = new();
    }
}
