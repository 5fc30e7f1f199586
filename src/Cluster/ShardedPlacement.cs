using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using AkkaDifferential.Arrangements.Data;
using AkkaDifferential.Cluster.Wire;
using AkkaDifferential.Operators.Builder;
using AkkaDifferential.Operators.Runtime;

namespace AkkaDifferential.Cluster;

/// <summary>
/// Places the buckets of a dataflow deployed by name through the bucket region (<see cref="FixedBucketAllocation"/>),
/// on the cluster's workers; so before a deployment starts anything, it checks that what will cross nodes can: the
/// record, time and difference types of every collection that crosses (<see cref="DataflowPlan.CrossingCollections"/>,
/// by <see cref="RecordCheck"/>) and the deployment's arguments, serialized once for trial; and it waits until the
/// shard coordinator knows a region on every worker member that is up (<see cref="ReadyAsync"/>).
/// </summary>
internal sealed class ShardedPlacement(IActorRef region, ExtendedActorSystem system) : IBucketPlacement
{
    private readonly RecordCheck records = new(new RecordSerializer(system));

    /// <inheritdoc/>
    /// <remarks>A repeated start reaches the same entity (<c>{instance}/{bucket}</c>), which starts once.</remarks>
    public bool Recovers => true;

    /// <inheritdoc/>
    public void Start(IActorContext owner, RuntimeProtocol.StartBucket start) =>
        region.Tell(new BucketEnvelope(start.Deployment.Id.Instance, start.Bucket, start), owner.Self);

    /// <inheritdoc/>
    /// <remarks>
    /// A shard is allocated once and never moves (<see cref="FixedBucketAllocation"/>), among the regions the
    /// coordinator knows when a bucket of it first starts: a deployment just after the cluster formed, before every
    /// worker's region registered, would otherwise put buckets, of this and of every later dataflow, on fewer members
    /// for good. So it waits until the coordinator reports as many regions as there are workers up.
    /// </remarks>
    public async Task ReadyAsync(TimeSpan timeout, CancellationToken cancellation)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var workers = cluster.State.Members.Count(m => m.Status == MemberStatus.Up && m.HasRole("worker"));
            try
            {
                var regions = await region.Ask<CurrentRegions>(GetCurrentRegions.Instance, TimeSpan.FromSeconds(2), cancellation).ConfigureAwait(false);
                if (workers > 0 && regions.Regions.Count >= workers)
                    return;
            }
            catch (AskTimeoutException)
            {
                // The coordinator is not reachable yet (it starts with the oldest worker): ask again.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellation).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public void Check(RuntimeProtocol.Deployment deployment, DataflowPlan plan)
    {
        var refused = $"Dataflow '{deployment.Id.Name}' cannot be deployed on the cluster";
        foreach (var (op, record, time, diff) in plan.CrossingCollections())
            foreach (var (what, type) in new[] { ("records", record), ("times", time), ("differences", diff) })
                if (records.Refusal(type) is { } why)
                    throw new InvalidOperationException($"{refused}: operator '{op.Name}' sends {what} of type {TypeNames.Of(type)} to other nodes, and they cannot be serialized: {why}.");
        if (deployment.Arguments is not { } arguments)
            return;
        var argumentType = TypeNames.Of(arguments.GetType());
        if (records.Refusal(arguments.GetType()) is { } refusal)
            throw new InvalidOperationException($"{refused}: its arguments, of type {argumentType}, travel to every member and cannot be serialized: {refusal}.");
        try
        {
            var serializer = system.Serialization.FindSerializerFor(deployment);
            system.Serialization.Deserialize(serializer.ToBinary(deployment), serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, deployment));
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"{refused}: its arguments, of type {argumentType}, travel to every member and cannot be serialized: {ex.Message}", ex);
        }
    }
}
