using AkkaDifferential.Host.Examples;

namespace AkkaDifferential.Cluster.Tests;

/// <summary>
/// Disposing a dataflow, or its failure, stops every actor it had on every member (counted there, over remoting,
/// before and after) and leaves the other dataflows running.
/// </summary>
[Collection(ThreeMembers.Name)]
public sealed class TeardownTests(MemberProcesses cluster)
{
    private const int Buckets = 6;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Disposing_a_dataflow_stops_its_actors_on_every_member_and_the_other_dataflow_keeps_running()
    {
        await using var cc = await cluster.Driver.DeployAsync(cluster.Definitions["cc"], 0, Buckets);
        await using var degrees = await cluster.Driver.DeployAsync(cluster.Definitions["degrees"], 0, Buckets);
        await Round(cc.Handles, 0, [(1, 2), (2, 3)]);
        await Round(degrees.Handles, 0, [(1, 2), (1, 3)]);
        var ccCounts = await Task.WhenAll(cluster.Addresses.Select(a => Instances(a, cc.Id)));
        var degreesCounts = await Task.WhenAll(cluster.Addresses.Select(a => Instances(a, degrees.Id)));
        // Two buckets on each member, each with its instances.
        Assert.All(ccCounts, count => Assert.True(count > 0, $"cc counts per member: {string.Join(", ", ccCounts)}"));
        Assert.All(degreesCounts, count => Assert.True(count > 0, $"degrees counts per member: {string.Join(", ", degreesCounts)}"));

        await cc.DisposeAsync();

        foreach (var address in cluster.Addresses)
        {
            Assert.Equal(0, await ActorCensus.EventuallyAsync(cluster.Driver.System, InstancePath(address, cc.Id), c => c == 0, Timeout));
            Assert.Equal(0, await ActorCensus.EventuallyAsync(cluster.Driver.System, BucketPath(address, cc.Id), c => c == 0, Timeout));
        }
        Assert.Equal(degreesCounts, await Task.WhenAll(cluster.Addresses.Select(a => Instances(a, degrees.Id))));
        await Round(degrees.Handles, 1, [(4, 5), (4, 6)]);
        Assert.Equal(new Dictionary<(int, int), long> { [(2, 2)] = 1 }, (await degrees.Handles.Output.CollectionAt(1)).ToDictionary());
    }

    [Fact]
    public async Task A_failed_dataflow_stops_its_actors_on_every_member_and_the_other_dataflow_keeps_running()
    {
        await using var failing = await cluster.Driver.DeployAsync(cluster.Definitions["degrees"], 0, Buckets);
        await using var other = await cluster.Driver.DeployAsync(cluster.Definitions["degrees"], 0, Buckets);
        Assert.All(await Task.WhenAll(cluster.Addresses.Select(a => Instances(a, failing.Id))), count => Assert.True(count > 0));

        // The count of node 1's out-edges overflows on the member that holds node 1's bucket.
        failing.Handles.Edges.Update((1, 2), long.MaxValue);
        failing.Handles.Edges.Update((1, 2), long.MaxValue);
        failing.Handles.Edges.AdvanceTo(1);
        var failure = await Assert.ThrowsAsync<DataflowFailedException>(() => failing.Completion.WaitAsync(Timeout));
        Assert.Contains("overflow", failure.Message, StringComparison.OrdinalIgnoreCase);

        foreach (var address in cluster.Addresses)
        {
            Assert.Equal(0, await ActorCensus.EventuallyAsync(cluster.Driver.System, InstancePath(address, failing.Id), c => c == 0, Timeout));
            Assert.Equal(0, await ActorCensus.EventuallyAsync(cluster.Driver.System, BucketPath(address, failing.Id), c => c == 0, Timeout));
        }
        await Round(other.Handles, 0, [(1, 2), (1, 3), (2, 3)]);
        Assert.Equal(new Dictionary<(int, int), long> { [(2, 1)] = 1, [(1, 1)] = 1 }, (await other.Handles.Output.CollectionAt(0)).ToDictionary());
    }

    private static async Task Round(GraphHandles handles, long time, (int, int)[] edges)
    {
        foreach (var edge in edges)
            handles.Edges.Insert(edge);
        handles.Edges.AdvanceTo(time + 1);
        await handles.Probe.WhenPassed(time).WaitAsync(Timeout);
    }

    private Task<int> Instances(string address, DataflowId id) => ActorCensus.CountAsync(cluster.Driver.System, InstancePath(address, id));

    // A bucket is the entity {instance}/{bucket} of the "buckets" region, in the shard of its bucket; its operator
    // instances are its children.
    private static string BucketPath(string address, DataflowId id) => $"{address}/system/sharding/buckets/*/{id.Instance:N}*";

    private static string InstancePath(string address, DataflowId id) => $"{BucketPath(address, id)}/*";
}
