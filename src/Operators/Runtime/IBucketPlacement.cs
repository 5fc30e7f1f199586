using Akka.Actor;

namespace AkkaDifferential.Operators.Runtime;

/// <summary>
/// Where a dataflow's buckets start: as children of its owner on the driver's node (<see cref="LocalPlacement"/>, the
/// embedded engine and dataflows built from a lambda), or as sharded entities on the cluster's workers. Either way the
/// bucket answers the owner with <see cref="RuntimeProtocol.BucketStarted"/> or <see cref="RuntimeProtocol.BucketRefused"/>.
/// </summary>
internal interface IBucketPlacement
{
    /// <summary>
    /// True when buckets live away from their owner and may be lost with their node (sharded entities): a dataflow
    /// placed so can recover (docs/recovery.md), and <see cref="Start"/> may be repeated for a bucket that has not
    /// answered (the message may have gone to a node that was lost), starting it once.
    /// </summary>
    bool Recovers { get; }

    /// <summary>Starts bucket <c>start.Bucket</c> for the owner <paramref name="owner"/>.</summary>
    void Start(IActorContext owner, RuntimeProtocol.StartBucket start);

    /// <summary>
    /// Checks, before anything starts, that <paramref name="deployment"/> of <paramref name="plan"/> can run where this
    /// placement puts its buckets (across nodes: what crosses them must be serializable).
    /// </summary>
    /// <exception cref="InvalidOperationException">It cannot; the message names the dataflow, the operator, the type and why.</exception>
    void Check(RuntimeProtocol.Deployment deployment, Builder.DataflowPlan plan);

    /// <summary>
    /// Waits, at most <paramref name="timeout"/>, until buckets started now would be placed where they belong; after
    /// it they are placed where they can be. Returns at once where placement needs nothing first.
    /// </summary>
    Task ReadyAsync(TimeSpan timeout, CancellationToken cancellation);
}

/// <summary>Buckets as children of the dataflow's owner, on its node.</summary>
internal sealed class LocalPlacement(NodePlans plans, IActorRef progress, DataflowSettings settings) : IBucketPlacement
{
    /// <inheritdoc/>
    public bool Recovers => false;

    /// <inheritdoc/>
    public void Start(IActorContext owner, RuntimeProtocol.StartBucket start) =>
        owner.ActorOf(BucketActor.Props(plans, progress, settings), $"bucket-{start.Bucket}").Tell(start, owner.Self);

    /// <inheritdoc/>
    /// <remarks>On one node nothing is serialized: every dataflow can run.</remarks>
    public void Check(RuntimeProtocol.Deployment deployment, Builder.DataflowPlan plan)
    {
    }

    /// <inheritdoc/>
    public Task ReadyAsync(TimeSpan timeout, CancellationToken cancellation) => Task.CompletedTask;
}
