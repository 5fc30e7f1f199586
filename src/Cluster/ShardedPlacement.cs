using Akka.Actor;
using AkkaDifferential.Operators.Runtime;

namespace AkkaDifferential.Cluster;

/// <summary>Places the buckets of a dataflow deployed by name through the bucket region (<see cref="FixedBucketAllocation"/>).</summary>
internal sealed class ShardedPlacement(IActorRef region) : IBucketPlacement
{
    /// <inheritdoc/>
    public void Start(IActorContext owner, RuntimeProtocol.StartBucket start) =>
        region.Tell(new BucketEnvelope(start.Deployment.Id.Instance, start.Bucket, start), owner.Self);
}
