namespace AkkaDifferential.Operators.Tests.Changes;

/// <summary>How a change stream reads, ends, fails and refuses misuse.</summary>
public sealed class ChangeStreamTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Await_foreach_gives_each_closed_time_its_consolidated_changes_and_ends_when_the_input_closes()
    {
        await using var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, words) = scope.NewCollection<string>();
            return (input, words.Changes());
        });
        var (input, stream) = dataflow.Handles;
        input.Insert("a");
        input.Insert("b");
        input.Insert("b");
        input.Remove("b");
        input.AdvanceTo(2);
        input.Insert("c", 3);
        input.Remove("a", 3);
        input.AdvanceTo(4);
        input.Insert("d");
        input.Remove("d");
        input.Close();
        var read = new List<TimeChanges<string, long, long>>();
        await foreach (var element in stream.WithCancellation(new CancellationTokenSource(Timeout).Token))
            read.Add(element);
        Assert.Equal([0L, 3L], read.Select(e => e.Time));
        Assert.Equal([("a", 1L), ("b", 1L)], read[0].Changes);
        Assert.Equal([("a", -1L), ("c", 1L)], read[1].Changes);
        Assert.All(read, e => Assert.Null(e.Contents));
        Assert.False(stream.Accumulates);
    }

    [Fact]
    public async Task An_accumulating_stream_gives_the_contents_at_each_time()
    {
        await using var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, words) = scope.NewCollection<string>();
            return (input, words.Changes(accumulate: true));
        }, buckets: 2);
        var (input, stream) = dataflow.Handles;
        await using var reader = stream.GetAsyncEnumerator();
        input.Insert("a");
        input.AdvanceTo(1);
        Assert.True(await reader.MoveNextAsync().AsTask().WaitAsync(Timeout));
        Assert.Equal(new Dictionary<string, long> { ["a"] = 1 }, reader.Current.Contents);
        input.Insert("b");
        input.Remove("a");
        input.Insert("b");
        input.AdvanceTo(2);
        Assert.True(await reader.MoveNextAsync().AsTask().WaitAsync(Timeout));
        Assert.Equal(1L, reader.Current.Time);
        Assert.Equal(new Dictionary<string, long> { ["b"] = 2 }, reader.Current.Contents);
    }

    [Fact]
    public async Task A_failing_dataflow_fails_the_stream_after_the_times_closed_before()
    {
        var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>();
            var checkedNumbers = numbers.Map(x => x == 13 ? throw new InvalidOperationException("unlucky number") : x, name: "check");
            return (input, checkedNumbers.Changes(), checkedNumbers.Probe());
        });
        await using var _ = dataflow;
        var (input, stream, probe) = dataflow.Handles;
        input.Insert(1);
        input.AdvanceTo(1);
        await probe.WhenPassed(0).WaitAsync(Timeout);
        input.Insert(13);
        input.AdvanceTo(2);
        var read = new List<long>();
        var failure = await Assert.ThrowsAsync<DataflowFailedException>(async () =>
        {
            await foreach (var element in stream.WithCancellation(new CancellationTokenSource(Timeout).Token))
                read.Add(element.Time);
        });
        Assert.Equal([0L], read);
        Assert.Contains("check", failure.Message);
    }

    [Fact]
    public async Task Disposing_the_dataflow_ends_the_stream()
    {
        var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>();
            return (input, numbers.Changes());
        });
        var (input, stream) = dataflow.Handles;
        input.Insert(1);
        var reading = Task.Run(async () =>
        {
            var count = 0;
            await foreach (var _ in stream)
                count++;
            return count;
        });
        await dataflow.DisposeAsync();
        Assert.Equal(0, await reading.WaitAsync(Timeout));
    }

    [Fact]
    public async Task Cancellation_ends_the_enumeration_and_a_second_reader_is_refused()
    {
        await using var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>();
            return (input, numbers.Changes(name: "numbers"));
        });
        var (_, stream) = dataflow.Handles;
        using var cancellation = new CancellationTokenSource();
        var reader = stream.GetAsyncEnumerator(cancellation.Token);
        var next = reader.MoveNextAsync().AsTask();
        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(Timeout));
        var refused = Assert.Throws<InvalidOperationException>(() => stream.GetAsyncEnumerator());
        Assert.Contains("'numbers'", refused.Message);
        Assert.Equal(0, stream.Pending);
    }
}
