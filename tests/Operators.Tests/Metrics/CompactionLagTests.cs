namespace AkkaDifferential.Operators.Tests.Metrics;

/// <summary>
/// A trace reader that does not allow compaction holds the arrangement's history back, and the metrics show it: the
/// compaction lag grows with the rounds and names the reader; once the reader allows compaction, the lag is gone.
/// </summary>
public sealed class CompactionLagTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_reader_that_holds_compaction_back_is_named_with_how_far_it_holds_it()
    {
        await using var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, pairs) = scope.NewCollection<(int, int)>();
            var arranged = pairs.ArrangeByKey(name: "pairs");
            return (input, arranged, arranged.AsCollection((k, v) => k + v).Count().Probe());
        }, buckets: 2);
        var (input, arranged, probe) = dataflow.Handles;
        await Rounds(input, probe, 0, 3);
        Assert.InRange((await Lag(dataflow)).CompactionLag, 0, 1);
        Assert.Null((await Lag(dataflow)).HeldBy);

        var reader = await arranged.Trace.CreateReaderAsync();
        await Rounds(input, probe, 3, 10);
        var whileHeld = await dataflow.Metrics.SnapshotAsync();
        var held = whileHeld["pairs"].Arrangement!.Value;
        Assert.InRange(held.CompactionLag, 8, 11);
        Assert.Equal(reader.Id, held.HeldBy);

        reader.AllowCompaction(Antichain<long>.From(13));
        // The arrangement reports the lag anew as soon as the reader lets it compact, before any further round.
        var deadline = DateTime.UtcNow + Timeout;
        while ((await Lag(dataflow)).CompactionLag > 1 && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.InRange((await Lag(dataflow)).CompactionLag, 0, 1);
        await Rounds(input, probe, 13, 1);
        var released = await Lag(dataflow);
        Assert.InRange(released.CompactionLag, 0, 1);
        Assert.Null(released.HeldBy);
        Assert.Contains($"compaction held {held.CompactionLag} back by {reader.Id}", whileHeld.ToString(), StringComparison.Ordinal);
    }

    private static async Task Rounds(InputSession<(int, int), long, long> input, ProbeHandle<long> probe, long from, int count)
    {
        for (var round = from; round < from + count; round++)
        {
            input.Insert(((int)round % 5, (int)round));
            input.Remove(((int)round % 5, (int)round));
            input.Insert(((int)round % 5, (int)round + 1));
            input.AdvanceTo(round + 1);
            await probe.WhenPassed(round).WaitAsync(Timeout);
        }
    }

    private static async Task<ArrangementSize> Lag<T>(Dataflow<T> dataflow) => (await dataflow.Metrics.SnapshotAsync())["pairs"].Arrangement!.Value;
}
