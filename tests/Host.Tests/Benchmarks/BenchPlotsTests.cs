using AkkaDifferential.Host.Benchmarks;
using ScottPlot;
using ScottPlot.Plottables;

namespace AkkaDifferential.Host.Tests.Benchmarks;

/// <summary>The plots of <c>bench --plots</c>: a run measured beside upstream shows upstream's figures beside ours.</summary>
public sealed class BenchPlotsTests
{
    private static BenchResult Result(int batch, double medianMicros, UpstreamComparison? upstream)
    {
        var config = new BenchConfig("hello", 1_000, 5_000, batch, 3, 1);
        var rounds = LatencySummary.Of([medianMicros, medianMicros, medianMicros]);
        var linq = LatencySummary.Of([10_000.0]);
        var stepsPerSecond = batch / (medianMicros / 1e6);
        return new BenchResult(config, 1, 0, 0, rounds, 0, 0, 0, 0, 0, stepsPerSecond, 2 * stepsPerSecond, 0, 0, 0, 0, 0,
            linq, 10_000 / medianMicros, null, [], [medianMicros, medianMicros, medianMicros], [10_000], upstream);
    }

    private static UpstreamComparison Upstream(double medianMicros, double stepsPerSecond) =>
        new("dd-hello", "", [new UpstreamPair(new UpstreamFigures(0.5, medianMicros, medianMicros, stepsPerSecond, 1 << 20), 1, 2 * medianMicros, 2 * medianMicros)]);

    [Fact]
    public void The_latency_plot_draws_upstreams_round_median_beside_each_run_measured_beside_it()
    {
        var plot = BenchPlots.Latency("hello", [Result(1, 40, Upstream(20, 50_000)), Result(10, 100, upstream: null)]);

        var line = Assert.Single(plot.GetPlottables().OfType<HorizontalLine>());
        Assert.Equal(Math.Log10(20), line.Y, 9);
        Assert.Contains("upstream, B=1", line.LegendText);
        Assert.Equal(2, plot.GetPlottables().OfType<Scatter>().Count());
    }

    [Fact]
    public void The_throughput_plot_draws_upstreams_steps_per_second_at_the_batch_sizes_measured_beside_it()
    {
        var runs = new[] { Result(1, 40, Upstream(20, 50_000)), Result(10, 100, upstream: null), Result(100, 400, Upstream(100, 1_000_000)) };
        var sweep = runs.GroupBy(r => (r.Config.Workload, r.Config.Nodes, r.Config.Edges)).Single();

        var plot = BenchPlots.Throughput([sweep]);

        var series = plot.GetPlottables().OfType<Scatter>().ToList();
        Assert.Equal(3, series.Count);
        var upstream = Assert.Single(series, s => s.LegendText.Contains("upstream"));
        var points = upstream.Data.GetScatterPoints();
        Assert.Equal([0, 2], points.Select(p => p.X));
        Assert.Equal([Math.Round(Math.Log10(50_000), 9), 6], points.Select(p => Math.Round(p.Y, 9)));
    }

    [Fact]
    public void Without_upstream_the_plots_show_ours_and_linq_only()
    {
        var runs = new[] { Result(1, 40, upstream: null), Result(10, 100, upstream: null) };

        Assert.Empty(BenchPlots.Latency("hello", runs).GetPlottables().OfType<HorizontalLine>());
        Assert.Equal(2, BenchPlots.Throughput([runs.GroupBy(r => (r.Config.Workload, r.Config.Nodes, r.Config.Edges)).Single()]).GetPlottables().OfType<Scatter>().Count());
    }
}
