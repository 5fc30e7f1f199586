namespace AkkaDifferential.Operators.Tests.Dataflows;

/// <summary>
/// A <c>long</c> difference that overflows fails its dataflow with an error naming the operator, instead of wrapping
/// silently; other dataflows keep running.
/// </summary>
public sealed class OverflowTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_count_whose_sum_overflows_across_times_fails_naming_the_count()
    {
        var failure = await Overflow(
            collection => collection.Count().Probe(),
            input =>
            {
                input.Update(7, long.MaxValue);
                input.AdvanceTo(1);
                input.Update(7, 1);
                input.AdvanceTo(2);
            });
        Assert.Contains("Operator 'Count#", failure.Message);
    }

    [Fact]
    public async Task Updates_of_one_time_whose_sum_overflows_fail_naming_the_arrangement()
    {
        var failure = await Overflow(
            collection => collection.Count().Probe(),
            input =>
            {
                input.Update(7, long.MaxValue);
                input.Update(7, long.MaxValue);
                input.AdvanceTo(1);
            });
        Assert.Contains("Operator 'ArrangeByKey#", failure.Message);
    }

    [Fact]
    public async Task A_consolidation_that_overflows_fails_naming_the_operator()
    {
        var failure = await Overflow(
            collection => collection.Consolidate().Probe(),
            input =>
            {
                input.Update(7, long.MinValue);
                input.Update(7, -1);
                input.AdvanceTo(1);
            });
        Assert.Contains("Operator 'Consolidate#", failure.Message);
    }

    [Fact]
    public async Task A_join_whose_product_of_differences_overflows_fails_naming_the_join()
    {
        var failure = await Overflow(
            collection =>
            {
                var pairs = collection.Map(x => (x, x));
                return pairs.JoinMap(pairs, (key, a, b) => key).Probe();
            },
            input =>
            {
                input.Update(7, 1L << 32);
                input.AdvanceTo(1);
            });
        Assert.Contains("Operator 'Join#", failure.Message);
    }

    [Fact]
    public async Task A_merge_of_trace_batches_that_overflows_fails_naming_the_arrangement()
    {
        // Each time's batch is fine on its own; the trace's merges sum them once the readers allow compaction.
        var failure = await Overflow(
            collection => collection.Count().Probe(),
            input =>
            {
                for (var time = 0; time < 8; time++)
                {
                    input.Update(7, time % 2 == 0 ? long.MaxValue : long.MinValue + 1);
                    input.AdvanceTo(time + 1);
                }
                input.Update(7, long.MaxValue);
                input.AdvanceTo(9);
                input.Update(7, 1);
                input.AdvanceTo(10);
            });
        Assert.Matches("Operator '(ArrangeByKey|Count)#", failure.Message);
    }

    [Fact]
    public async Task Reading_a_capture_whose_accumulation_overflows_throws_naming_the_capture()
    {
        await using var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>();
            return (input, numbers.Capture());
        }, buckets: 2);
        var (input, capture) = dataflow.Handles;
        input.Update(7, long.MaxValue);
        input.AdvanceTo(1);
        input.Update(7, 1);
        input.AdvanceTo(2);

        Assert.Equal(new Dictionary<int, long> { [7] = long.MaxValue }, (await capture.CollectionAt(0).WaitAsync(Timeout)).ToDictionary());
        var error = await Assert.ThrowsAsync<OverflowException>(() => capture.CollectionAt(1).WaitAsync(Timeout));
        Assert.Contains("Capture 'Capture#1': the multiplicity of 7 at time 1 overflows", error.Message);
    }

    /// <summary>
    /// Runs a dataflow built by <paramref name="build"/> on an input fed by <paramref name="feed"/>, beside a healthy
    /// dataflow; asserts that the first fails with an overflow and the second carries on, and returns the failure.
    /// </summary>
    private async Task<DataflowFailedException> Overflow(
        Func<Collection<int, long, long>, ProbeHandle<long>> build,
        Action<InputSession<int, long, long>> feed)
    {
        await using var healthy = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>();
            return (input, numbers.Count().Capture());
        }, buckets: 2);
        await using var failing = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>();
            return (input, build(numbers));
        }, buckets: 2, name: "overflowing");
        var (badInput, badProbe) = failing.Handles;
        feed(badInput);

        var failure = await Assert.ThrowsAsync<DataflowFailedException>(() => failing.Completion.WaitAsync(Timeout));
        Assert.Contains("Dataflow 'overflowing' failed", failure.Message);
        Assert.Contains("overflow", failure.Message);
        await Assert.ThrowsAsync<DataflowFailedException>(() => badProbe.WhenDone().WaitAsync(Timeout));

        var (input, counts) = healthy.Handles;
        input.Update(1, long.MaxValue - 1);
        input.AdvanceTo(1);
        input.Update(1, 1);
        input.AdvanceTo(2);
        Assert.Equal(new Dictionary<(int, long), long> { [(1, long.MaxValue)] = 1 }, (await counts.CollectionAt(1).WaitAsync(Timeout)).ToDictionary());
        return failure;
    }
}
