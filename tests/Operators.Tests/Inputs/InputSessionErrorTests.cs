namespace AkkaDifferential.Operators.Tests.Inputs;

/// <summary>Bad use of an input session throws a message naming the problem and loses none of the accepted data.</summary>
public sealed class InputSessionErrorTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Advancing_to_an_earlier_time_throws_and_keeps_the_accepted_updates()
    {
        var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>();
            return (input, numbers.Capture());
        });
        await using var _ = dataflow;
        var (input, capture) = dataflow.Handles;
        input.Insert(1);
        input.AdvanceTo(5);
        input.Insert(2);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => input.AdvanceTo(3));
        Assert.Contains("cannot advance to time 3", error.Message);
        Assert.Contains("already at time 5", error.Message);

        Assert.Equal(5, input.Time);
        input.AdvanceTo(6);
        var collection = await capture.CollectionAt(5).WaitAsync(Timeout);
        Assert.Equal(new Dictionary<int, long> { [1] = 1, [2] = 1 }, collection.ToDictionary());
    }

    [Fact]
    public async Task Updating_before_the_session_time_throws_and_keeps_the_accepted_updates()
    {
        var dataflow = await fixture.Engine.BuildAsync((Scope<Product<long, int>> scope) =>
        {
            var (input, numbers) = scope.NewCollection<string>();
            return (input, numbers.Capture());
        });
        await using var _ = dataflow;
        var (input, capture) = dataflow.Handles;
        input.AdvanceTo(new Product<long, int>(2, 1));
        input.Insert("kept", new Product<long, int>(3, 1));

        // (3, 0) is incomparable with the session's (2, 1): not at or after it.
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => input.Insert("refused", new Product<long, int>(3, 0)));
        Assert.Contains("cannot accept an update at time (3, 0)", error.Message);
        Assert.Contains("session is at time (2, 1)", error.Message);

        input.AdvanceTo(new Product<long, int>(4, 1));
        var collection = await capture.CollectionAt(new Product<long, int>(3, 1)).WaitAsync(Timeout);
        Assert.Equal(new Dictionary<string, long> { ["kept"] = 1 }, collection.ToDictionary());
    }

    [Fact]
    public async Task A_session_of_a_disposed_dataflow_refuses_work()
    {
        var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) => scope.NewCollection<int>().Session);
        var input = dataflow.Handles;
        input.Insert(1);
        await dataflow.DisposeAsync();

        var error = Assert.Throws<ObjectDisposedException>(() => input.Insert(2));
        Assert.Contains("has been disposed", error.Message);
        Assert.Throws<ObjectDisposedException>(() => input.AdvanceTo(1));
        Assert.Throws<ObjectDisposedException>(input.Flush);
    }

    [Fact]
    public async Task A_closed_session_refuses_work()
    {
        var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) => scope.NewCollection<int>().Session);
        await using var _ = dataflow;
        var input = dataflow.Handles;
        input.Close();
        var error = Assert.Throws<InvalidOperationException>(() => input.Insert(1));
        Assert.Contains("has been closed", error.Message);
    }

    [Fact]
    public async Task A_session_used_during_the_build_says_it_is_not_deployed()
    {
        InvalidOperationException? error = null;
        var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, _) = scope.NewCollection<int>();
            error = Assert.Throws<InvalidOperationException>(() => input.Insert(1));
            return input;
        });
        await using var _ = dataflow;
        Assert.Contains("before its dataflow is deployed", error!.Message);
    }
}
