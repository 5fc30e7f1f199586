using ScottPlot;
using ScottPlot.TickGenerators;

namespace AkkaDifferential.Host.Benchmarks;

/// <summary>
/// PNG plots of benchmark results (ScottPlot, rendered headless by Skia): the latency of every round, one plot per
/// workload with a series per run; and steps per second against the batch size B, ours beside LINQ recomputation.
/// A run measured beside upstream (<see cref="BenchResult.Upstream"/>) adds upstream's figures in the same colour:
/// its round median as a dashed line (its program reports no per-round series) and its steps per second as a
/// dotted line. Both use logarithmic axes (values are plotted as log10 with labels in real units, as ScottPlot 5 wants).
/// </summary>
internal static class BenchPlots
{
    private const int PlotWidth = 900;
    private const int PlotHeight = 500;

    /// <summary>Writes the plots of <paramref name="results"/> into <paramref name="directory"/>; returns the files written.</summary>
    public static IReadOnlyList<string> Write(string directory, IReadOnlyList<BenchResult> results)
    {
        Directory.CreateDirectory(directory);
        var files = new List<string>();
        foreach (var group in results.GroupBy(r => r.Config.Workload))
        {
            var path = Path.Combine(directory, $"bench-latency-{group.Key}.png");
            Latency(group.Key, [.. group]).SavePng(path, PlotWidth, PlotHeight);
            files.Add(path);
        }
        var sweeps = results.GroupBy(r => (r.Config.Workload, r.Config.Nodes, r.Config.Edges))
            .Where(g => g.Select(r => r.Config.Batch).Distinct().Count() >= 2)
            .ToList();
        if (sweeps.Count > 0)
        {
            var path = Path.Combine(directory, "bench-throughput.png");
            Throughput(sweeps).SavePng(path, PlotWidth, PlotHeight);
            files.Add(path);
        }
        return files;
    }

    /// <summary>The latency plot of <paramref name="workload"/>'s <paramref name="runs"/>.</summary>
    internal static Plot Latency(string workload, IReadOnlyList<BenchResult> runs)
    {
        var plot = new Plot();
        foreach (var run in runs.OrderBy(r => r.Config.Batch))
        {
            var ys = run.RoundMicros.Select(Log).ToArray();
            var xs = Enumerable.Range(1, ys.Length).Select(static i => (double)i).ToArray();
            var series = plot.Add.Scatter(xs, ys);
            series.LegendText = $"{Format.Count(run.Config.Nodes)}/{Format.Count(run.Config.Edges)}, B={run.Config.Batch} (median {Format.Micros(run.Rounds.Median)})";
            series.LineWidth = ys.Length > 200 ? 0 : 1;
            series.MarkerSize = ys.Length > 200 ? 2 : 4;
            if (run.Upstream is { } upstream)
            {
                var line = plot.Add.HorizontalLine(Log(upstream.UpstreamRoundMedian));
                line.LegendText = $"upstream, B={run.Config.Batch} (median {Format.Micros(upstream.UpstreamRoundMedian)}; ours/upstream {Format.Ratio(upstream.RoundRatio)})";
                line.LinePattern = LinePattern.Dashed;
                line.Color = series.Color;
            }
        }
        plot.Title($"{workload}: latency of each round");
        plot.XLabel("round");
        plot.YLabel("latency (log scale)");
        LogAxis(plot.Axes.Left, Format.Micros);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>The plot of steps per second against B of <paramref name="sweeps"/>, each a workload and size at several B.</summary>
    internal static Plot Throughput(IReadOnlyList<IGrouping<(string Workload, int Nodes, int Edges), BenchResult>> sweeps)
    {
        var plot = new Plot();
        foreach (var sweep in sweeps)
        {
            var runs = sweep.OrderBy(r => r.Config.Batch).ToArray();
            var xs = runs.Select(r => Log(r.Config.Batch)).ToArray();
            var label = $"{sweep.Key.Workload} {Format.Count(sweep.Key.Nodes)}/{Format.Count(sweep.Key.Edges)}";
            var ours = plot.Add.Scatter(xs, runs.Select(r => Log(r.StepsPerSecond)).ToArray());
            ours.LegendText = $"{label}: AkkaDifferential";
            ours.MarkerSize = 7;
            ours.LineWidth = 2;
            var linq = plot.Add.Scatter(xs, runs.Select(r => Log(r.Config.Batch / (r.Linq.Median / 1e6))).ToArray());
            linq.LegendText = $"{label}: LINQ recomputation";
            linq.MarkerSize = 7;
            linq.LineWidth = 2;
            linq.LinePattern = LinePattern.Dashed;
            linq.Color = ours.Color;
            var beside = runs.Where(static r => r.Upstream is not null).ToArray();
            if (beside.Length > 0)
            {
                var upstream = plot.Add.Scatter(beside.Select(r => Log(r.Config.Batch)).ToArray(), beside.Select(r => Log(r.Upstream!.UpstreamStepsPerSecond)).ToArray());
                upstream.LegendText = $"{label}: upstream differential dataflow";
                upstream.MarkerSize = 7;
                upstream.LineWidth = 2;
                upstream.LinePattern = LinePattern.Dotted;
                upstream.Color = ours.Color;
            }
        }
        plot.Title("Steps per second against steps per round (B)");
        plot.XLabel("B, steps per round (log scale)");
        plot.YLabel("steps/s, one insert + one remove each (log scale)");
        LogAxis(plot.Axes.Bottom, static b => b.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        LogAxis(plot.Axes.Left, Format.Rate);
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    private static double Log(double value) => Math.Log10(Math.Max(value, 1e-3));

    /// <summary>Ticks at powers of ten of a log10-plotted axis, labelled in real units, with log-spaced minor ticks.</summary>
    private static void LogAxis(IAxis axis, Func<double, string> label) =>
        axis.TickGenerator = new NumericAutomatic
        {
            IntegerTicksOnly = true,
            MinorTickGenerator = new LogMinorTickGenerator(),
            LabelFormatter = exponent => label(Math.Pow(10, exponent)),
        };
}
