using AkkaDifferential.Arrangements.Trace;

namespace AkkaDifferential.Operators.Tests.Keyed;

/// <summary>
/// One arrangement read by two operators of its dataflow, by a second dataflow that imports it, and by a user
/// handle: all see the same data, and the trace's history is compacted only once the last reader allows it.
/// </summary>
public sealed class SharedArrangementTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Readers_share_one_trace_and_history_is_released_only_after_the_last_reader_advances()
    {
        var source = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, pairs) = scope.NewCollection<(int Key, int Value)>();
            var arranged = pairs.ArrangeByKey();
            var selfJoin = arranged.JoinCore(arranged, static (key, a, b) => (key, a + b));
            var sums = arranged.ReduceCore<long, long>(static (_, values, output) =>
            {
                long sum = 0;
                foreach (var (value, diff) in values) sum += value * diff;
                output.Add((sum, 1));
            }, name: "Sum");
            return (input, arranged, selfJoin.Capture(), sums.Capture(), sums.Probe());
        }, buckets: 2);
        await using var _ = source;
        var (input, arranged, joined, sums, probe) = source.Handles;

        // A user's handle, taken before any data arrives, holds history back. The importing dataflow takes over
        // a reader of its own.
        var holder = await arranged.Trace.CreateReaderAsync();
        var importReader = await arranged.Trace.CreateReaderAsync();
        var importer = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var imported = scope.Import(importReader);
            var counts = imported.Reduce(static (_, values) =>
            {
                long count = 0;
                foreach (var (_, diff) in values) count += diff;
                return count;
            });
            return (counts.Capture(), counts.Probe());
        }, buckets: 2);
        await using var __ = importer;
        var taken = Assert.Throws<InvalidOperationException>(() => importReader.AllowCompaction(Antichain<long>.From(1)));
        Assert.Contains("imported by dataflow", taken.Message);
        var (counts, countsProbe) = importer.Handles;

        for (var time = 0; time < 6; time++)
        {
            input.Insert((time % 3, time));
            if (time >= 2) input.Remove(((time - 2) % 3, time - 2));
            input.AdvanceTo(time + 1);
        }
        await probe.WhenPassed(5).WaitAsync(Timeout);
        await countsProbe.WhenPassed(5).WaitAsync(Timeout);

        // Every reader sees the same collection.
        var pairsAt5 = new Dictionary<(int, int), long>();
        for (var time = 0; time < 6; time++)
        {
            Add(pairsAt5, (time % 3, time), 1);
            if (time >= 2) Add(pairsAt5, ((time - 2) % 3, time - 2), -1);
        }
        var expectedJoin = (from a in pairsAt5
                            from b in pairsAt5
                            where a.Key.Item1 == b.Key.Item1
                            group a.Value * b.Value by (a.Key.Item1, a.Key.Item2 + b.Key.Item2) into g
                            where g.Sum() != 0
                            select (g.Key, g.Sum())).ToDictionary(x => x.Key, x => x.Item2);
        Assert.Equal(expectedJoin, (await joined.CollectionAt(5)).ToDictionary());
        var expectedSums = pairsAt5.Where(kv => kv.Value != 0).GroupBy(kv => kv.Key.Item1)
            .ToDictionary(g => (g.Key, g.Sum(kv => (long)kv.Key.Item2 * kv.Value)), _ => 1L);
        Assert.Equal(expectedSums, (await sums.CollectionAt(5)).ToDictionary());
        var expectedCounts = pairsAt5.Where(kv => kv.Value != 0).GroupBy(kv => kv.Key.Item1)
            .ToDictionary(g => (g.Key, g.Sum(kv => kv.Value)), _ => 1L);
        Assert.Equal(expectedCounts, (await counts.CollectionAt(5)).ToDictionary());

        // The operators and the importer have moved on to time 6; the holder has not, so history stays at time 0.
        var held = await holder.StatusAsync();
        Assert.All(held, status => Assert.Equal(Antichain<long>.From(0), status.Since));
        Assert.All(held, status => Assert.Contains(holder.Id, status.Readers));

        holder.AllowCompaction(Antichain<long>.From(6));
        await Eventually(async () =>
        {
            var statuses = await holder.StatusAsync();
            return statuses.All(s => s.Since.Equals(Antichain<long>.From(6)));
        });

        holder.Release();
        Assert.Throws<ObjectDisposedException>(() => holder.AllowCompaction(Antichain<long>.From(7)));
    }

    private static void Add(Dictionary<(int, int), long> collection, (int, int) record, long diff) =>
        collection[record] = collection.GetValueOrDefault(record) + diff;

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(20);
        }
    }
}
