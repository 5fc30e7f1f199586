namespace AkkaDifferential.Operators.Tests.Dataflows;

/// <summary>A user function that throws fails its own dataflow with a clear error; other dataflows keep running.</summary>
public sealed class FailureIsolationTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_throwing_map_fails_its_dataflow_and_names_the_operator()
    {
        var healthy = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>();
            return (input, numbers.Map(x => x + 1).Capture());
        });
        await using var _ = healthy;
        var failing = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>();
            var probe = numbers.Map(x => x == 13 ? throw new InvalidOperationException("unlucky number") : x).Probe();
            return (input, probe);
        }, name: "unlucky");

        var (badInput, badProbe) = failing.Handles;
        badInput.Insert(13);
        badInput.AdvanceTo(1);

        var failure = await Assert.ThrowsAsync<DataflowFailedException>(() => failing.Completion.WaitAsync(Timeout));
        Assert.Contains("Dataflow 'unlucky' failed", failure.Message);
        Assert.Contains("Operator 'Map#1'", failure.Message);
        Assert.Contains("unlucky number", failure.Message);
        await Assert.ThrowsAsync<DataflowFailedException>(() => badProbe.WhenPassed(0).WaitAsync(Timeout));
        var refused = Assert.Throws<InvalidOperationException>(() => badInput.Insert(1));
        Assert.Contains("has failed", refused.Message);

        var (input, capture) = healthy.Handles;
        input.Insert(41);
        input.AdvanceTo(1);
        var collection = await capture.CollectionAt(0).WaitAsync(Timeout);
        Assert.Equal(new Dictionary<int, long> { [42] = 1 }, collection.ToDictionary());
    }

    [Fact]
    public async Task A_type_that_is_not_a_timestamp_is_refused_when_the_dataflow_is_built()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Engine.BuildAsync((Scope<string> scope) => 0));
        Assert.Contains("'System.String' cannot be used as a timestamp", error.Message);
    }

    [Fact]
    public async Task A_difference_type_that_is_not_a_group_is_refused_when_the_collection_is_created()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            fixture.Engine.BuildAsync((Scope<long> scope) => scope.NewCollection<int, string>()));
        Assert.Contains("'System.String' cannot be a difference", error.Message);
    }
}
