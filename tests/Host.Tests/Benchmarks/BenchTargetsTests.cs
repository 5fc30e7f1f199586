using AkkaDifferential.Host.Benchmarks;

namespace AkkaDifferential.Host.Tests.Benchmarks;

/// <summary>Figures against the targets, and the order statistics behind them.</summary>
public sealed class BenchTargetsTests
{
    private static BenchResult Result(BenchConfig config, double loadSeconds, double medianMicros, double p99Micros, double linqMedianMicros, long peakBytes)
    {
        var rounds = new LatencySummary(100, medianMicros, medianMicros, p99Micros, p99Micros, 100 * medianMicros);
        var linq = new LatencySummary(10, linqMedianMicros, linqMedianMicros, linqMedianMicros, linqMedianMicros, 10 * linqMedianMicros);
        var stepsPerSecond = config.Batch / (medianMicros / 1e6);
        var result = new BenchResult(config, loadSeconds, 0, 0, rounds, 0, 0, 0, 0, 0, stepsPerSecond, 2 * stepsPerSecond, peakBytes, 0, 0, 0, 0,
            linq, linqMedianMicros / medianMicros, null, [], [], []);
        return result with { Checks = BenchTargets.Check(result) };
    }

    private static TargetCheck Check(BenchResult result, string metric) => result.Checks.Single(c => c.Metric == metric);

    [Fact]
    public void Hello_at_the_large_size_is_held_to_the_load_latency_and_memory_targets()
    {
        var config = new BenchConfig("hello", 10_000_000, 50_000_000, 1, 1_000, 1);

        var result = Result(config, loadSeconds: 29, medianMicros: 250, p99Micros: 1_500, linqMedianMicros: 100_000, peakBytes: 5_000_000_000);

        Assert.Equal("met", Check(result, "load").Status);
        Assert.Equal("missed", Check(result, "round median").Status);
        Assert.Equal("met", Check(result, "round p99").Status);
        Assert.Equal("missed", Check(result, "peak working set").Status);
        Assert.Equal("met", Check(result, "LINQ ratio").Status); // 400×
        Assert.Equal("20 µs", Check(result, "round median").Upstream);
        Assert.Equal("", Check(result, "round p90").Status);
    }

    [Fact]
    public void Throughput_target_applies_to_hello_with_batches_of_1000_and_the_ratio_target_to_single_step_rounds()
    {
        var hello = Result(new BenchConfig("hello", 100_000, 500_000, 1_000, 20, 1), 1, medianMicros: 2_000, 2_000, linqMedianMicros: 10_000, 0);
        var single = Result(new BenchConfig("degrees", 1_234, 5_000, 1, 20, 1), 1, medianMicros: 10, 10, linqMedianMicros: 10_000, 0);
        var slow = Result(new BenchConfig("bfs", 1_234, 5_000, 1, 20, 1), 1, medianMicros: 100, 100, linqMedianMicros: 10_000, 0);

        Assert.Equal("met", Check(hello, "steps/s").Status); // 500k steps/s
        Assert.Equal("", Check(hello, "LINQ ratio").Status); // 5×, no target for rounds of 1000 steps
        Assert.Equal(5, Check(hello, "LINQ ratio").Measured);
        Assert.All(single.Checks.Where(c => c.Metric != "LINQ ratio"), c => Assert.Equal("", c.Status));
        Assert.Equal("met", Check(single, "LINQ ratio").Status); // 1000×
        Assert.Equal("missed", Check(slow, "LINQ ratio").Status); // 100×
    }

    [Fact]
    public void Percentiles_are_by_nearest_rank()
    {
        var summary = LatencySummary.Of([.. Enumerable.Range(1, 200).Select(i => (double)i).Reverse()]);

        Assert.Equal((200, 100.0, 180.0, 198.0, 200.0), (summary.Count, summary.Median, summary.P90, summary.P99, summary.Max));
        Assert.True(double.IsNaN(LatencySummary.Of([]).Median));
    }
}
