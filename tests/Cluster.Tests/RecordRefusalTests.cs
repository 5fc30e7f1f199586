namespace AkkaDifferential.Cluster.Tests;

/// <summary>
/// A dataflow whose records that cross nodes cannot be serialized is refused when it is deployed on the cluster,
/// naming the dataflow, the operator and the type, before anything starts; the members run the next deployment. The
/// same dataflow runs on the embedded engine and, built from a lambda, on the driver alone, where nothing crosses nodes.
/// </summary>
[Collection(ThreeMembers.Name)]
public sealed class RecordRefusalTests(MemberProcesses cluster)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Records_holding_a_delegate_captured_on_the_driver_are_refused_naming_the_operator_and_the_type()
    {
        var definition = cluster.Driver.Register<long, int, (InputSession<int, long, long>, CaptureHandle<Job, long, long>)>($"callbacks-{Guid.NewGuid():N}", static (scope, _) => WithCallbacks(scope));
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.Driver.DeployAsync(definition, 0, 6));
        Assert.Contains($"Dataflow '{definition.Name}' cannot be deployed on the cluster: operator 'with callbacks' sends records of type Job", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Job.Callback is a delegate (Func<Int32>): user code never travels between nodes", refused.Message, StringComparison.Ordinal);
        await TheMembersRunTheNextDeployment();
    }

    [Fact]
    public async Task An_input_of_a_type_hyperion_refuses_is_refused_naming_the_input_and_the_type()
    {
        var definition = cluster.Driver.Register<long, int, (InputSession<Upload, long, long>, ProbeHandle<long>)>($"files-{Guid.NewGuid():N}", static (scope, _) =>
        {
            var (uploads, collection) = scope.NewCollection<Upload>("uploads");
            return (uploads, collection.Map(u => u.Name.Length).Probe());
        });
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.Driver.DeployAsync(definition, 0, 6));
        Assert.Contains("operator 'uploads' sends records of type Upload to other nodes", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Upload.File is a FileInfo, which Hyperion refuses to carry", refused.Message, StringComparison.Ordinal);
        await TheMembersRunTheNextDeployment();
    }

    [Fact]
    public async Task Arguments_that_hold_code_are_refused()
    {
        var definition = cluster.Driver.Register<long, Func<int>, ProbeHandle<long>>($"code-arguments-{Guid.NewGuid():N}", static (scope, f) => scope.NewCollection<int>().Collection.Probe());
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.Driver.DeployAsync(definition, () => 1, 6));
        Assert.Contains("its arguments, of type Func<Int32>, travel to every member and cannot be serialized", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Where_nothing_crosses_nodes_the_same_records_run()
    {
        await using (var embedded = DifferentialEngine.Create())
            await RunsWithCallbacks(await embedded.BuildAsync<long, (InputSession<int, long, long>, CaptureHandle<Job, long, long>)>(WithCallbacks));
        // Built from a lambda, on the cluster's driver: every bucket is on the driver.
        await RunsWithCallbacks(await cluster.Driver.BuildAsync<long, (InputSession<int, long, long>, CaptureHandle<Job, long, long>)>(WithCallbacks, buckets: 3));
    }

    private static (InputSession<int, long, long>, CaptureHandle<Job, long, long>) WithCallbacks(Scope<long> scope)
    {
        var (input, numbers) = scope.NewCollection<int>();
        return (input, numbers.Map(n => new Job(n, () => n * n), "with callbacks").Capture());
    }

    private static async Task RunsWithCallbacks(Dataflow<(InputSession<int, long, long>, CaptureHandle<Job, long, long>)> dataflow)
    {
        await using var _ = dataflow;
        var (input, capture) = dataflow.Handles;
        foreach (var n in new[] { 2, 3, 4 })
            input.Insert(n);
        input.AdvanceTo(1);
        var jobs = (await capture.CollectionAt(0).WaitAsync(Timeout)).Keys.ToList();
        Assert.Equal([4, 9, 16], jobs.Select(j => j.Callback()).Order());
    }

    private async Task TheMembersRunTheNextDeployment()
    {
        await using var dataflow = await cluster.Driver.DeployAsync(cluster.Definitions["degrees"], 0, 6);
        var (edges, capture, probe, _) = dataflow.Handles;
        edges.Insert((1, 2));
        edges.Insert((1, 3));
        edges.AdvanceTo(1);
        await probe.WhenPassed(0).WaitAsync(Timeout);
        Assert.Equal(new Dictionary<(int, int), long> { [(2, 1)] = 1 }, (await capture.CollectionAt(0)).ToDictionary());
    }

    /// <summary>A record that holds code.</summary>
    public sealed record Job(int Id, Func<int> Callback);

    /// <summary>A record that holds a type Hyperion refuses.</summary>
    public sealed record Upload(string Name, FileInfo File);
}
