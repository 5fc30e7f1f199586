using AkkaDifferential.Operators.Runtime;

namespace AkkaDifferential.Operators.Tests.Runtime;

/// <summary>
/// A message is counted at the times of what its sender processes where those cover every update of it, and keeps
/// its own minimal times otherwise; a round of many times spread over buckets then moves each arrangement's frontier
/// past the whole round at once, so it seals one batch per round.
/// </summary>
public sealed class MessageTimesTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static Product<long, int> P(long outer, int inner) => new(outer, inner);

    [Fact]
    public void Lower_times_that_cover_the_message_replace_its_own()
    {
        IReadOnlyList<long> round = [1000];
        Assert.Same(round, MessageTimes.Coarsen(round, [1000]));
        Assert.Same(round, MessageTimes.Coarsen(round, [1417]));
        Assert.Null(MessageTimes.Coarsen(round, [999]));
        Assert.Null(MessageTimes.Coarsen<long>([], [5]));
    }

    [Fact]
    public void At_partially_ordered_times_only_the_covering_elements_are_kept_and_each_minimal_time_must_be_covered()
    {
        IReadOnlyList<Product<long, int>> lower = [P(0, 5), P(5, 0)];
        Assert.Equal([P(0, 5)], MessageTimes.Coarsen(lower, [P(1, 6)]));
        Assert.Same(lower, MessageTimes.Coarsen(lower, [P(1, 6), P(6, 1)]));
        // (4, 4) is above neither element: the message keeps its own times.
        Assert.Null(MessageTimes.Coarsen(lower, [P(1, 6), P(4, 4)]));
    }

    [Fact]
    public async Task A_round_of_many_times_over_several_buckets_is_sealed_once_per_bucket_and_round_with_the_same_answers()
    {
        const int Buckets = 4, Rounds = 12, Steps = 100;
        await using var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, edges) = scope.NewCollection<(int Src, int Dst)>("edges");
            var distribution = edges.Map(e => e.Src).Count().Map(c => c.Count).Count();
            return (input, distribution.Capture(), distribution.Probe());
        }, buckets: Buckets);
        var (input, captured, probe) = dataflow.Handles;
        var random = new Random(7);
        var live = new List<(int, int)>();
        for (var i = 0; i < 500; i++)
        {
            var edge = (random.Next(100), random.Next(100));
            live.Add(edge);
            input.Insert(edge);
        }
        input.AdvanceTo(1);
        await probe.WhenPassed(0).WaitAsync(Timeout);
        var before = (await dataflow.Metrics.SnapshotAsync()).Operators.Where(o => o.Arrangement is not null).ToDictionary(o => o.Index, o => o.BatchesOut);

        for (var round = 0; round < Rounds; round++)
        {
            // Every step at its own time, the round sent at its end: each bucket's part has its own least time.
            var first = 1 + (long)round * Steps;
            for (var step = 0; step < Steps; step++)
            {
                input.AdvanceTo(first + step, flush: false);
                var added = (random.Next(100), random.Next(100));
                var removed = live[random.Next(live.Count)];
                live.Remove(removed);
                live.Add(added);
                input.Insert(added);
                input.Remove(removed);
            }
            input.AdvanceTo(first + Steps);
            await probe.WhenPassed(first + Steps - 1).WaitAsync(Timeout);
            var expected = live.CountBy(e => e.Item1).CountBy(kv => (long)kv.Value).ToDictionary(kv => (kv.Key, (long)kv.Value), _ => 1L);
            Assert.Equal(expected, await captured.CollectionAt(first + Steps - 1));
        }

        var arrangements = (await dataflow.Metrics.SnapshotAsync()).Operators.Where(o => o.Arrangement is not null).ToList();
        Assert.Equal(2, arrangements.Count);
        foreach (var arrangement in arrangements)
            Assert.InRange(arrangement.BatchesOut - before[arrangement.Index], Rounds, Rounds * Buckets);
    }
}
