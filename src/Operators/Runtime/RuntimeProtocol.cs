using Akka.Actor;
using Akka.Event;
using AkkaDifferential.Arrangements.Updates;
using AkkaDifferential.Progress.Tracking;
using AkkaDifferential.Runtime.Wire;

namespace AkkaDifferential.Operators.Runtime;

/// <summary>
/// The messages that move between a dataflow's actors: its dataflow actor, buckets and operator instances. Those that
/// may reach an actor after its dataflow stopped (disposed or failed, which the dataflow actor reports once) are
/// <see cref="IDeadLetterSuppression"/>: an orderly stop logs no dead letters.
/// </summary>
internal static class RuntimeProtocol
{
    /// <summary>What reaches input <see cref="Port"/> of operator <see cref="Operator"/> at the bucket that receives it.</summary>
    public interface IDelivery
    {
        /// <summary>The operator.</summary>
        int Operator { get; }

        /// <summary>Its input port.</summary>
        int Port { get; }

        /// <summary>The batch, of the port's types.</summary>
        IBatch Batch { get; }

        /// <summary>
        /// The times progress tracking counts the message at (<see cref="MessageTimes"/>), each ≤ some update's time
        /// and every update's time ≥ one of them; null for the batch's own minimal times.
        /// </summary>
        IReadOnlyList<FlatTime>? Times { get; }
    }

    /// <summary>
    /// A batch of updates for input <paramref name="Port"/> of operator <paramref name="Operator"/> at the bucket that
    /// receives the message. <paramref name="Batch"/> is an <c>UpdateBatch</c> of the port's types, which owns its
    /// columns: the message may cross nodes (an exchange between buckets, an input session on the driver).
    /// <paramref name="Times"/> are the times it is counted at in progress, null for the batch's minimal times.
    /// </summary>
    public sealed record Deliver(int Operator, int Port, IUpdateBatch Batch, IReadOnlyList<FlatTime>? Times = null) : IDelivery, IDeadLetterSuppression
    {
        IBatch IDelivery.Batch => Batch;
    }

    /// <summary>
    /// A trace's advance (<c>TraceProtocol.Advanced</c>, holding the trace's batches by reference) for a reader of the
    /// arrangement at the same bucket: never leaves the node. <paramref name="Times"/> as for <see cref="Deliver"/>.
    /// </summary>
    public sealed record DeliverAdvance(int Operator, int Port, IBatch Batch, IReadOnlyList<FlatTime>? Times = null) : IDelivery, ILocalOnly, IDeadLetterSuppression;

    /// <summary>
    /// A message for operator <paramref name="Operator"/>'s instance at the sender's own bucket (not data: a reader's
    /// compaction frontier, for example); the instances of a bucket live together, so it never leaves the node.
    /// </summary>
    public sealed record ToOperator(int Operator, object Payload) : ILocalOnly, IDeadLetterSuppression;

    /// <summary>An operator instance asks itself to continue background work (merging its trace) when idle.</summary>
    public sealed record Work : ILocalOnly, IDeadLetterSuppression
    {
        /// <summary>The one instance.</summary>
        public static Work Instance { get; } = new();
    }

    /// <summary>
    /// A bucket of incarnation <paramref name="Dataflow"/> has started its operator instances; per operator, its
    /// instance's actor (null for operators without instances).
    /// </summary>
    public sealed record BucketStarted(DataflowId Dataflow, int Bucket, IReadOnlyList<IActorRef?> Operators) : IDeadLetterSuppression;

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

    /// <summary>A bucket's node refused the deployment of incarnation <paramref name="Dataflow"/>; <paramref name="Reason"/> names the dataflow and why.</summary>
    public sealed record BucketRefused(DataflowId Dataflow, int Bucket, string Reason) : IDeadLetterSuppression;

    /// <summary>
    /// The actor of every operator instance, per bucket: sent to every instance (through its bucket) once all exist,
    /// so that batches go straight to the instance that processes them. An instance starts work when it has them.
    /// </summary>
    public sealed record Routes(IReadOnlyList<IReadOnlyList<IActorRef?>> Instances) : IDeadLetterSuppression;

    /// <summary>Asks a dataflow actor to deploy; answered with <see cref="Deployed"/> once inputs may send. Between the engine and its own dataflow actor.</summary>
    public sealed record Deploy : ILocalOnly;

    /// <summary>
    /// The answer to <see cref="Deploy"/>: the dataflow is deployed, and its state's <c>Current</c> says where it runs
    /// (its buckets, which input sessions send to, and per bucket the actor of every operator instance, which other
    /// dataflows use to import arrangements).
    /// </summary>
    public sealed record Deployed : ILocalOnly
    {
        /// <summary>The one instance.</summary>
        public static Deployed Instance { get; } = new();
    }

    /// <summary>
    /// An operator instance failed; the dataflow stops. Sent by the instance's bucket to the dataflow's owner, naming
    /// the bucket's incarnation (<paramref name="Dataflow"/>; null from the owner's own endpoints), so that a failure
    /// in an incarnation already given up does not fail the one that replaced it.
    /// </summary>
    public sealed record OperatorFailed(Exception Cause, DataflowId? Dataflow = null) : IDeadLetterSuppression;
}
