namespace AkkaDifferential.Operators.Tests.Inputs;

/// <summary>
/// What a session waits for when it has too much in flight, and what ends the wait: the outputs passing the times
/// (not another input that the same producer feeds next), the dataflow's failure, or the caller's cancellation.
/// </summary>
public sealed class BackPressureWaitTests
{
    private const int Bound = 1_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static DifferentialEngine Engine() => DifferentialEngine.Create($"akka-differential.input-max-in-flight = {Bound}");

    [Fact]
    public async Task Two_inputs_fed_in_turn_by_one_producer_are_both_slowed_and_neither_waits_for_the_other()
    {
        await using var engine = Engine();
        var dataflow = await engine.BuildAsync<long, BackPressureTests.JoinSizes>(BackPressureTests.BuildJoinSizes, buckets: 2);
        await using var _ = dataflow;
        var (left, right, sizes, probe) = dataflow.Handles;
        const int rounds = 20;
        const int perRound = 3 * Bound;
        long peak = 0;
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < perRound; i++)
            {
                left.Insert((i % 10, round));
                right.Insert((i % 10, -round));
            }
            // The left session's updates of this round wait for the right session's advance: only then can they complete.
            await left.AdvanceToAsync(round + 1).WaitAsync(Timeout);
            await right.AdvanceToAsync(round + 1).WaitAsync(Timeout);
            peak = Math.Max(peak, Math.Max(left.InFlight, right.InFlight));
        }
        // After both advanced, each waited until fewer than the bound of its updates before the round were in flight;
        // the round's own (3,000, all at a time both have passed) are absorbed only then, so none may remain.
        Assert.True(peak < Bound, $"{peak:N0} updates were in flight after both inputs advanced, not below the bound {Bound:N0}.");
        await probe.WhenPassed(rounds - 1).WaitAsync(Timeout);
        var perKey = (long)perRound / 10 * rounds;
        Assert.Equal(Enumerable.Range(0, 10).ToDictionary(key => (key, perKey * perKey), _ => 1L), (await sizes.CollectionAt(rounds - 1).WaitAsync(Timeout)).ToDictionary());
    }

    [Fact]
    public async Task A_wait_ends_with_the_dataflows_failure_naming_it()
    {
        await using var engine = Engine();
        var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>("numbers");
            var checkedNumbers = numbers.Map(static n => n == 3 * Bound ? throw new InvalidDataException("three thousand") : n, name: "check");
            return (input, checkedNumbers.Count().Probe());
        }, name: "failing");
        await using var _ = dataflow;
        var (input, _) = dataflow.Handles;
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            for (var round = 0; round < 100; round++)
            {
                for (var i = 0; i < Bound; i++)
                    input.Insert(round * Bound + i);
                await input.AdvanceToAsync(round + 1).WaitAsync(Timeout);
            }
        });
        Assert.Contains("dataflow 'failing' has failed", error.Message);
        Assert.Contains("three thousand", error.Message);
    }

    [Fact]
    public async Task A_wait_is_cancellable_and_the_updates_stay_sent()
    {
        await using var engine = Engine();
        using var stall = new SemaphoreSlim(0);
        var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>("numbers");
            // The operator's first batch blocks its actor until the test releases it: the outputs cannot pass time 0.
            var stalled = numbers.Map(n => { stall.Wait(); return n; });
            return (input, stalled.Capture(), stalled.Probe());
        }, buckets: 1);
        await using var _ = dataflow;
        var (input, captured, probe) = dataflow.Handles;
        for (var i = 0; i < 2 * Bound; i++)
            input.Insert(i);
        using var cancel = new CancellationTokenSource();
        var advance = input.AdvanceToAsync(1, cancel.Token);
        Assert.False(advance.IsCompleted);
        Assert.Equal(2 * Bound, input.InFlight);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => advance.WaitAsync(Timeout));

        stall.Release(int.MaxValue / 2);
        await probe.WhenPassed(0).WaitAsync(Timeout);
        Assert.Equal(2 * Bound, (await captured.CollectionAt(0).WaitAsync(Timeout)).Count);
        // The wait, asked again, ends once the outputs have passed time 0: every update of it is absorbed.
        await input.FlushAsync().WaitAsync(Timeout);
        Assert.Equal(0, input.InFlight);
    }
}
