using CsCheck;

namespace AkkaDifferential.Operators.Tests.Keyed;

/// <summary>
/// <c>Count</c>, <c>Distinct</c> and <c>Threshold</c> over totally ordered (<c>long</c>) times take the fast path that
/// emits a key's output at each time of a batch as it walks the batch (no pending times, no frontier). Random updates
/// at random times ahead of the input's, many times per round and many rounds (so that the arrangement compacts
/// and merges under the reduction), with a count of counts as upstream's hello: at every closed time each output
/// accumulates to what LINQ computes from scratch on the input accumulated at that time.
/// </summary>
public sealed class TotalOrderReductionPropertyTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly long Iterations = long.TryParse(Environment.GetEnvironmentVariable("PROPERTY_ITERATIONS"), out var n) ? n : 100;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private sealed record Change(int Key, long Diff, int Later);

    private sealed record Round(Change[] Changes, int Advance);

    private static readonly Gen<Round[]> RoundsGen = Gen.Select(
        Gen.Select(Gen.Int[0, 6], Gen.Long[-2, 2], Gen.Int[0, 4], static (key, diff, later) => new Change(key, diff == 0 ? 1 : diff, later)).Array[0, 12],
        Gen.Int[1, 3],
        static (changes, advance) => new Round(changes, advance)).Array[1, 30];

    [Fact]
    public async Task Counts_distinct_and_thresholds_at_long_times_match_recomputation_at_every_closed_time() =>
        await Gen.Select(RoundsGen, Gen.Int[1, 3]).SampleAsync(sample => Run(sample.Item1, sample.Item2), iter: Iterations, threads: 1);

    private async Task Run(Round[] rounds, int buckets)
    {
        await using var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, keys) = scope.NewCollection<int>();
            var counts = keys.Count();
            var outputs = new Dictionary<string, CaptureHandle<string, long, long>>
            {
                ["count"] = counts.Map(static r => $"{r.Key}:{r.Count}").Capture(),
                ["count of counts"] = counts.Map(static r => r.Count).Count().Map(static r => $"{r.Key}:{r.Count}").Capture(),
                ["distinct"] = keys.Distinct().Map(static k => $"{k}").Capture(),
                ["threshold"] = keys.Threshold(static (k, count) => count > 1 ? count - k : -k).Map(static k => $"{k}").Capture(),
            };
            return (input, outputs, keys.Count().Probe());
        }, buckets);
        var (input, outputs, probe) = dataflow.Handles;
        var sent = new List<(int Key, long Diff, long Time)>();
        long time = 0, verified = 0;
        foreach (var round in rounds)
        {
            foreach (var change in round.Changes)
            {
                input.UpdateAt(change.Key, time + change.Later, change.Diff);
                sent.Add((change.Key, change.Diff, time + change.Later));
            }
            time += round.Advance;
            input.AdvanceTo(time);
            for (; verified < time; verified++)
                await Verify(outputs, probe, sent, verified);
        }
    }

    private static async Task Verify(Dictionary<string, CaptureHandle<string, long, long>> outputs, ProbeHandle<long> probe, List<(int Key, long Diff, long Time)> sent, long closed)
    {
        var counts = sent.Where(s => s.Time <= closed).GroupBy(s => s.Key).Select(g => (g.Key, Count: g.Sum(s => s.Diff))).Where(c => c.Count != 0).ToList();
        var expected = new Dictionary<string, Dictionary<string, long>>
        {
            ["count"] = counts.ToDictionary(c => $"{c.Key}:{c.Count}", _ => 1L),
            ["count of counts"] = counts.GroupBy(c => c.Count).ToDictionary(g => $"{g.Key}:{g.Count()}", _ => 1L),
            ["distinct"] = counts.Where(c => c.Count > 0).ToDictionary(c => $"{c.Key}", _ => 1L),
            ["threshold"] = counts.Select(c => (c.Key, Diff: c.Count > 1 ? c.Count - c.Key : -c.Key)).Where(c => c.Diff != 0).ToDictionary(c => $"{c.Key}", c => c.Diff),
        };
        await probe.WhenPassed(closed).WaitAsync(Timeout);
        foreach (var (name, capture) in outputs)
        {
            var actual = await capture.CollectionAt(closed).WaitAsync(Timeout);
            Assert.True(expected[name].Count == actual.Count && expected[name].All(kv => actual.TryGetValue(kv.Key, out var d) && d == kv.Value),
                $"{name} at {closed}: expected {Show(expected[name])} but got {Show(actual)}");
        }
    }

    private static string Show(IReadOnlyDictionary<string, long> collection) =>
        "{" + string.Join(", ", collection.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}x{kv.Value}")) + "}";
}
