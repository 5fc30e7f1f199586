using System.Collections.Immutable;
using Akka.Actor;

namespace AkkaDifferential.Cluster.Tests;

/// <summary>Bucket b of every dataflow goes to the (b mod N)-th worker in address order, and nothing is ever rebalanced.</summary>
public sealed class FixedBucketAllocationTests
{
    private static Address Member(int port) => new("akka.tcp", "akka-differential", "127.0.0.1", port);

    [Fact]
    public void Bucket_b_goes_to_the_b_mod_n_th_member_in_address_order_whatever_order_the_members_are_listed_in()
    {
        var sorted = new[] { Member(4053), Member(4054), Member(4055) };
        var listed = new[] { sorted[2], sorted[0], sorted[1] };
        for (var bucket = 0; bucket < 12; bucket++)
            Assert.Equal(sorted[bucket % 3], listed[FixedBucketAllocation.Choose(bucket, listed)]);
    }

    [Fact]
    public async Task No_member_is_refused_with_a_message_and_nothing_is_rebalanced()
    {
        var none = Assert.Throws<InvalidOperationException>(() => FixedBucketAllocation.Choose(0, []));
        Assert.Contains("No worker member hosts buckets", none.Message, StringComparison.Ordinal);
        var strategy = new FixedBucketAllocation(Member(4053));
        var allocations = ImmutableDictionary<IActorRef, IImmutableList<string>>.Empty.Add(ActorRefs.Nobody, ImmutableList.Create("0", "1", "2"));
        Assert.Empty(await strategy.Rebalance(allocations, ImmutableHashSet<string>.Empty));
    }
}
