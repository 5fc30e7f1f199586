using Akka.Actor;
using Akka.Event;
using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Operators.Runtime;

/// <summary>
/// The messages that move between a dataflow's actors: its dataflow actor, buckets and operator instances. Those that
/// may reach an actor after its dataflow stopped (disposed or failed, which the dataflow actor reports once) are
/// <see cref="IDeadLetterSuppression"/>: an orderly stop logs no dead letters.
/// </summary>
internal static class RuntimeProtocol
{
    /// <summary>
    /// A batch of updates for input <paramref name="Port"/> of operator <paramref name="Operator"/> at the bucket that
    /// receives the message. <paramref name="Batch"/> is an <c>UpdateBatch</c> of the port's types.
    /// </summary>
    public sealed record Deliver(int Operator, int Port, object Batch) : IDeadLetterSuppression;

    /// <summary>A message for operator <paramref name="Operator"/>'s instance at the bucket that receives it (not data: a reader's compaction frontier, for example).</summary>
    public sealed record ToOperator(int Operator, object Payload) : IDeadLetterSuppression;

    /// <summary>An operator instance asks itself to continue background work (merging its trace) when idle.</summary>
    public sealed record Work : IDeadLetterSuppression
    {
        /// <summary>The one instance.</summary>
        public static Work Instance { get; } = new();
    }

    /// <summary>A bucket has started its operator instances; per operator, its instance's actor (null for operators without instances).</summary>
    public sealed record BucketStarted(int Bucket, IReadOnlyList<IActorRef?> Operators) : IDeadLetterSuppression;

    /// <summary>
    /// What a driver deploys: the dataflow's identity, the name of its definition (null for a dataflow built from a
    /// lambda, which only the driver's node has), the definition's arguments, the bucket count, and the description
    /// of the plan the driver built with its fingerprint, against which every node checks its own build.
    /// </summary>
    public sealed record Deployment(DataflowId Id, string? Definition, object? Arguments, int Buckets, IReadOnlyList<string> Plan, ulong Fingerprint);

    /// <summary>
    /// Starts a bucket of <paramref name="Deployment"/>: it resolves the plan on its node, creates its operator
    /// instances and answers <paramref name="Owner"/> (the dataflow actor on the driver) with <see cref="BucketStarted"/>,
    /// or <see cref="BucketRefused"/> when its node cannot run the deployment. <paramref name="Endpoints"/> are the
    /// driver's endpoints (captures, probes) by operator.
    /// </summary>
    public sealed record StartBucket(Deployment Deployment, int Bucket, IActorRef Owner, IReadOnlyDictionary<int, IActorRef> Endpoints) : IDeadLetterSuppression;

    /// <summary>A bucket's node refused the deployment; <paramref name="Reason"/> names the dataflow and why.</summary>
    public sealed record BucketRefused(int Bucket, string Reason) : IDeadLetterSuppression;

    /// <summary>
    /// The actor of every operator instance, per bucket: sent to every instance (through its bucket) once all exist,
    /// so that batches go straight to the instance that processes them. An instance starts work when it has them.
    /// </summary>
    public sealed record Routes(IReadOnlyList<IReadOnlyList<IActorRef?>> Instances) : IDeadLetterSuppression;

    /// <summary>Asks a dataflow actor to deploy; answered with <see cref="Deployed"/> once inputs may send.</summary>
    public sealed record Deploy;

    /// <summary>
    /// The answer to <see cref="Deploy"/>: the buckets, which input sessions send to, and per bucket the actor of
    /// every operator instance (which other dataflows use to import arrangements).
    /// </summary>
    public sealed record Deployed(IReadOnlyList<IActorRef> Buckets, IReadOnlyList<IReadOnlyList<IActorRef?>> Instances);

    /// <summary>An operator instance failed; the dataflow stops. Sent by the instance's bucket to the dataflow's owner.</summary>
    public sealed record OperatorFailed(Exception Cause) : IDeadLetterSuppression;
}
