namespace AkkaDifferential.Operators.Tests.Inputs;

/// <summary>Advancing without flushing sends nothing until the next flush, then every step's updates and times at once.</summary>
public sealed class DeferredAdvanceTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Steps_advanced_without_flushing_complete_together_with_the_right_collection_at_each_time()
    {
        var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, keys) = scope.NewCollection<int>();
            var counts = keys.Count();
            return (input, counts.Capture(), counts.Probe());
        });
        await using var _ = dataflow;
        var (input, counts, probe) = dataflow.Handles;

        for (var step = 0; step < 50; step++)
        {
            input.AdvanceTo(step, flush: false);
            input.Insert(step % 3);
        }
        // Nothing has been sent: the input still holds time 0 back.
        var passed = probe.WhenPassed(0);
        Assert.NotSame(passed, await Task.WhenAny(passed, Task.Delay(TimeSpan.FromMilliseconds(300))));

        input.AdvanceTo(50);
        await probe.WhenPassed(49).WaitAsync(Timeout);
        for (var time = 0; time < 50; time++)
        {
            var expected = Enumerable.Range(0, time + 1).GroupBy(s => s % 3).ToDictionary(g => (g.Key, (long)g.Count()), _ => 1L);
            Assert.Equal(expected, (await counts.CollectionAt(time).WaitAsync(Timeout)).ToDictionary());
        }
    }
}
