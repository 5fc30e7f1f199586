using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using AkkaDifferential.Arrangements.Data;
using AkkaDifferential.Cluster.Wire;
using AkkaDifferential.Operators.Builder;
using AkkaDifferential.Operators.Runtime;

namespace AkkaDifferential.Cluster;

/// <summary>
/// Places the buckets of a dataflow deployed by name through the bucket region (<see cref="FixedBucketAllocation"/>),
/// on the cluster's workers; so before a deployment starts anything, it checks that what will cross nodes can: the
/// record, time and difference types of every collection that crosses (<see cref="DataflowPlan.CrossingCollections"/>,
/// by <see cref="RecordCheck"/>) and the deployment's arguments, serialized once for trial. Buckets start only once
/// the shard coordinator knows a region on every worker that is up (<see cref="ReadyAsync"/>): a shard is allocated
/// once and never moves, so a deployment that raced a member's registration would leave that member without buckets
/// for good.
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
    /// Asks the coordinator for its regions (<see cref="GetCurrentRegions"/>) until they include every reachable worker
    /// member that is up, as this member sees the cluster; past <paramref name="bound"/> it logs the members still
    /// missing and lets the deployment go on, on the regions there are.
    /// </remarks>
    public async Task ReadyAsync(TimeSpan bound, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var missing = await MissingRegionsAsync(cancellation).ConfigureAwait(false);
            if (missing.Count == 0)
                return;
            if (clock.Elapsed >= bound)
            {
                system.Log.Warning("Deploying with buckets on fewer members than are up: the shard coordinator has not registered the bucket region of {0} within {1:0.#} s, half the deploy timeout.", string.Join(", ", missing), bound.TotalSeconds);
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>The worker members up and reachable whose bucket region the coordinator does not know (yet).</summary>
    private async Task<List<Address>> MissingRegionsAsync(CancellationToken cancellation)
    {
        var state = Akka.Cluster.Cluster.Get(system).State;
        var workers = state.Members
            .Where(m => m.Status == Akka.Cluster.MemberStatus.Up && m.HasRole("worker") && !state.Unreachable.Contains(m))
            .Select(m => m.Address).ToList();
        try
        {
            var known = await region.Ask<CurrentRegions>(GetCurrentRegions.Instance, TimeSpan.FromSeconds(2), cancellation).ConfigureAwait(false);
            return [.. workers.Where(w => !known.Regions.Contains(w))];
        }
        catch (AskTimeoutException)
        {
            return workers;
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
