namespace AkkaDifferential.Operators.Tests.Capture;

/// <summary>
/// Reading a capture copies nothing, and a consolidated capture of a long run keeps a bounded number of updates
/// while its answers stay exact.
/// </summary>
public sealed class CaptureHandleTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Reading_the_updates_copies_nothing_and_a_snapshot_never_changes()
    {
        await using var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>();
            return (input, numbers.Capture());
        });
        var (input, capture) = dataflow.Handles;
        for (var i = 0; i < 50_000; i++)
            input.Insert(i);
        input.AdvanceTo(1);
        await capture.WhenPassed(0).WaitAsync(Timeout);

        var snapshot = capture.Updates;
        Assert.Equal(50_000, snapshot.Count);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        long total = 0;
        for (var read = 0; read < 1000; read++)
            total += capture.Updates.Count;
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Assert.Equal(50_000L * 1000, total);
        // A copy of 50,000 updates is over a megabyte; a thousand reads of a view are a few tens of kilobytes.
        Assert.True(allocated < 200_000, $"1000 reads of the updates allocated {allocated} bytes");

        input.Insert(-1);
        input.AdvanceTo(2);
        await capture.WhenPassed(1).WaitAsync(Timeout);
        Assert.Equal(50_001, capture.Updates.Count);
        Assert.Equal(50_000, snapshot.Count);
        Assert.Equal(Enumerable.Range(0, 50_000).Order(), snapshot.Select(u => u.Data).Order());
        Assert.Equal(new Update<int, long, long>(-1, 1, 1), capture.Updates[^1]);
    }

    [Fact]
    public async Task A_consolidated_capture_of_a_long_run_keeps_a_bounded_number_of_updates_and_exact_answers()
    {
        await using var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, records) = scope.NewCollection<int>();
            var doubled = records.Map(x => x * 2);
            return (input, doubled.Capture(CaptureMode.Consolidated), doubled.Capture());
        });
        var (input, consolidated, full) = dataflow.Handles;
        Assert.Equal(CaptureMode.Consolidated, consolidated.Mode);
        // A read asked for before its time passes is answered exactly, however far folding goes meanwhile.
        var early = consolidated.CollectionAt(5);
        var retained = 0;
        long time = 0;
        for (var flush = 0; flush < 100; flush++)
        {
            input.Insert(1000 + flush);      // one record that stays, per flush
            // Twenty steps per message: at even steps ten records come, at odd steps they go again.
            for (var step = 0; step < 20; step++, time++)
            {
                for (var record = 0; record < 10; record++)
                    input.Update(record, time % 2 == 0 ? 1 : -1);
                input.AdvanceTo(time + 1, flush: false);
            }
            input.Flush();
            await consolidated.WhenPassed(time - 1).WaitAsync(Timeout);
            retained = Math.Max(retained, consolidated.Updates.Count);
        }
        await full.WhenPassed(time - 1).WaitAsync(Timeout);
        Assert.Equal(100 * 20 * 10 + 100, full.Updates.Count);
        // Bounded by the collection (100 records) and what is still open, not by the 20,100 updates of the run.
        Assert.True(retained < 1600, $"the consolidated capture kept up to {retained} updates");
        Assert.True(consolidated.Updates.Count < 1600, $"the consolidated capture keeps {consolidated.Updates.Count} updates");

        var expected = (await full.CollectionAt(time - 1).WaitAsync(Timeout)).ToDictionary();
        Assert.Equal(100, expected.Count);
        Assert.Equal(expected, (await consolidated.CollectionAt(time - 1).WaitAsync(Timeout)).ToDictionary());
        Assert.Equal((await full.CollectionAt(5).WaitAsync(Timeout)).ToDictionary(), (await early.WaitAsync(Timeout)).ToDictionary());

        // Times long folded away are refused, with the time the capture is exact from.
        Assert.True(consolidated.Since > 5);
        var refused = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => consolidated.CollectionAt(5));
        Assert.Contains($"has folded its updates up to {consolidated.Since}", refused.Message);
        Assert.Equal(0, full.Since);
    }
}
