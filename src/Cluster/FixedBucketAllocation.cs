using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;

namespace AkkaDifferential.Cluster;

/// <summary>
/// Where buckets live: shard <c>b</c> (bucket <c>b</c> of every dataflow) on the <c>(b mod N)</c>-th of the <c>N</c>
/// regions of worker members in address order, so that bucket <c>b</c> of every dataflow lands on one node and imports
/// between dataflows stay local; never rebalanced, since a live bucket cannot move yet (its traces and capabilities
/// would have to move with it).
/// </summary>
internal sealed class FixedBucketAllocation(Address selfAddress) : IShardAllocationStrategy
{
    /// <inheritdoc/>
    public Task<IActorRef> AllocateShard(IActorRef requester, string shardId, IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations)
    {
        var regions = currentShardAllocations.Keys.ToList();
        var addresses = regions.Select(AddressOf).ToList();
        return Task.FromResult(regions[Choose(int.Parse(shardId, System.Globalization.CultureInfo.InvariantCulture), addresses)]);
    }

    /// <inheritdoc/>
    public Task<IImmutableSet<string>> Rebalance(IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations, IImmutableSet<string> rebalanceInProgress) =>
        Task.FromResult<IImmutableSet<string>>(ImmutableHashSet<string>.Empty);

    /// <summary>The index, in <paramref name="members"/>, of the member that hosts bucket <paramref name="bucket"/>: the <c>(bucket mod N)</c>-th in address order.</summary>
    public static int Choose(int bucket, IReadOnlyList<Address> members)
    {
        if (members.Count == 0)
            throw new InvalidOperationException("No worker member hosts buckets: start members with 'node' before deploying.");
        var order = Enumerable.Range(0, members.Count).OrderBy(i => members[i], Address.Comparer).ToList();
        return order[bucket % members.Count];
    }

    /// <summary>A region's address, the local one's included (its path has no host).</summary>
    private Address AddressOf(IActorRef region) => region.Path.Address.HasLocalScope ? selfAddress : region.Path.Address;
}
