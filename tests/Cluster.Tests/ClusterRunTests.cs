using AkkaDifferential.Host.Examples;

namespace AkkaDifferential.Cluster.Tests;

/// <summary>
/// The example dataflows deployed by name on three member processes give, at every round, the output of the
/// embedded single-node run; their buckets are spread over every member, data batches cross between them (as each
/// member's batch serializer counts), and each bucket's operator instances (its joins and reductions with the
/// arrangements they read) are on its member.
/// </summary>
[Collection(ThreeMembers.Name)]
public sealed class ClusterRunTests(MemberProcesses cluster)
{
    private static readonly GraphOptions Options = new(Nodes: 300, EdgeCount: 900, Seed: 7, Rounds: 4, ChangesPerRound: 6, Buckets: 6);

    [Theory]
    [InlineData("degrees")]
    [InlineData("bfs")]
    [InlineData("cc")]
    public async Task Every_round_on_three_members_equals_the_embedded_run(string example)
    {
        var input = GraphInput.Load(Options);
        var embedded = new List<RoundReport>();
        await GraphRounds.RunAsync(example, input, Options, scope => Build(example, scope), TextWriter.Null, TextWriter.Null, embedded.Add);

        var before = await Traffic();
        var clustered = new List<RoundReport>();
        await using (var dataflow = await cluster.Driver.DeployAsync(cluster.Definitions[example], 0, Options.Buckets))
        {
            var hosts = dataflow.Buckets.Select(b => b.Path.Address.ToString()).ToList();
            Assert.Equal(cluster.Addresses.Order(), hosts.Distinct().Order());
            await GraphRounds.RunAsync(dataflow, input, Options, TextWriter.Null, TextWriter.Null, clustered.Add);
        }
        Assert.Equal(Options.Rounds + 1, embedded.Count);
        Assert.Equal(embedded.Count, clustered.Count);
        for (var round = 0; round < embedded.Count; round++)
        {
            Assert.Equal(embedded[round].OutputChanges.Select(u => (u.Data, u.Time, u.Diff)), clustered[round].OutputChanges.Select(u => (u.Data, u.Time, u.Diff)));
            Assert.Equal(embedded[round].Result, clustered[round].Result);
        }
        Assert.NotEmpty(embedded[^1].Result);

        // Data really crossed nodes: every member's batch serializer wrote batches for, and read batches from, others.
        var after = await Traffic();
        foreach (var member in cluster.Addresses)
        {
            Assert.True(after[member].Sent.Batches > before[member].Sent.Batches, $"{member} sent no batch to another node: {after[member]}");
            Assert.True(after[member].Received.Batches > before[member].Received.Batches, $"{member} received no batch from another node: {after[member]}");
            Assert.True(after[member].Received.Updates > before[member].Received.Updates, $"{member} received no update: {after[member]}");
        }
    }

    [Fact]
    public async Task Every_instance_of_a_bucket_and_the_arrangements_it_reads_are_on_the_bucket_s_member()
    {
        await using var dataflow = await cluster.Driver.DeployAsync(cluster.Definitions["cc"], 0, Options.Buckets);
        for (var bucket = 0; bucket < Options.Buckets; bucket++)
        {
            var home = dataflow.Buckets[bucket].Path.Address;
            var instances = dataflow.InstanceActors[bucket].OfType<Akka.Actor.IActorRef>().ToList();
            Assert.NotEmpty(instances);
            Assert.All(instances, instance => Assert.Equal(home, instance.Path.Address));
        }
    }

    [Fact]
    public async Task A_definition_that_the_members_do_not_have_is_refused_naming_it_and_the_others_keep_running()
    {
        var onlyHere = cluster.Driver.Register<long, int, GraphHandles>($"driver-only-{Guid.NewGuid():N}", static (scope, _) => ConnectedComponentsExample.Build(scope));
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.Driver.DeployAsync(onlyHere, 0, Options.Buckets));
        Assert.Contains($"no definition named '{onlyHere.Name}' is registered there", refused.Message, StringComparison.Ordinal);

        // The members are still there and run the next deployment.
        await using var dataflow = await cluster.Driver.DeployAsync(cluster.Definitions["degrees"], 0, Options.Buckets);
        var (edges, capture, probe, _) = dataflow.Handles;
        edges.Insert((1, 2));
        edges.Insert((1, 3));
        edges.AdvanceTo(1);
        await probe.WhenPassed(0).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(new Dictionary<(int, int), long> { [(2, 1)] = 1 }, (await capture.CollectionAt(0)).ToDictionary());
    }

    private async Task<Dictionary<string, WireTraffic>> Traffic()
    {
        var traffic = new Dictionary<string, WireTraffic>();
        foreach (var member in cluster.Addresses)
            traffic[member] = await DifferentialCluster.TrafficAsync(cluster.Driver, member);
        return traffic;
    }

    private static GraphHandles Build(string example, Scope<long> scope) => example switch
    {
        "degrees" => ExampleDefinitions.Degrees(scope),
        "bfs" => BfsExample.Build(scope, 0),
        _ => ConnectedComponentsExample.Build(scope),
    };
}
