namespace AkkaDifferential.Operators.Tests.Dataflows;

/// <summary>A deployment that takes longer than the deploy timeout fails with a message that says what to change; other dataflows carry on.</summary>
public sealed class DeployTimeoutTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_deployment_that_times_out_names_the_dataflow_its_buckets_and_the_setting()
    {
        await using var healthy = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>();
            return (input, numbers.Map(x => x + 1).Capture());
        });
        // A second engine on the same actor system, whose deployments may take a millisecond: the ask's timer fires on the
        // scheduler's next tick (about 10 ms), and 500 buckets once deployed within one on a warm process, so 5000.
        var hasty = new DifferentialEngine(fixture.Engine.System, fixture.Engine.Settings with { DeployTimeout = TimeSpan.FromMilliseconds(1) });
        var error = await Assert.ThrowsAsync<TimeoutException>(() => hasty.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>();
            return (input, numbers.Map(x => x * 2).Filter(x => x > 0).Probe());
        }, buckets: 5000, name: "wide"));
        Assert.Contains("Deploying dataflow 'wide' with 5000 buckets", error.Message);
        Assert.Contains("'akka-differential.deploy-timeout' setting", error.Message);
        Assert.Contains("0.001 s", error.Message);

        var (input, capture) = healthy.Handles;
        input.Insert(1);
        input.AdvanceTo(1);
        Assert.Equal(new Dictionary<int, long> { [2] = 1 }, (await capture.CollectionAt(0).WaitAsync(Timeout)).ToDictionary());
    }
}
