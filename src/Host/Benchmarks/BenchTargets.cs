namespace AkkaDifferential.Host.Benchmarks;

/// <summary>A figure of a run beside its target (if the issue set one) and upstream's figure (if known).</summary>
/// <param name="Metric">What is measured (see <see cref="BenchTargets"/> for the names).</param>
/// <param name="Unit">seconds, micros, rate, bytes or ratio: how to read <paramref name="Measured"/> and <paramref name="Target"/>.</param>
/// <param name="Measured">The measured figure.</param>
/// <param name="Target">The bound the issue sets, or null.</param>
/// <param name="AtMost">True when the figure must be at most <paramref name="Target"/>, false when at least.</param>
/// <param name="Upstream">Upstream differential-dataflow's figure (Rust, one worker), as text, or null.</param>
/// <param name="Status">met, missed, not measured (for example no LINQ rounds), or empty when there is no target.</param>
internal sealed record TargetCheck(string Metric, string Unit, double Measured, double? Target, bool AtMost, string? Upstream, string Status);

/// <summary>
/// The targets and upstream's figures, per workload and size, and the check of a result against them.
/// Targets apply to the exact sizes the issue names; the LINQ ratio target (≥ 300×, for the issue's "small-round
/// workloads") applies to every run whose rounds are single steps (B = 1). Larger rounds show the ratio without a target.
/// </summary>
internal static class BenchTargets
{
    /// <summary>The metrics of every run, in table order.</summary>
    public static readonly IReadOnlyList<(string Metric, string Unit)> Metrics =
    [
        ("load", "seconds"),
        ("round median", "micros"),
        ("round p90", "micros"),
        ("round p99", "micros"),
        ("steps/s", "rate"),
        ("updates/s", "rate"),
        ("peak working set", "bytes"),
        ("heap per loaded edge", "bytes"),
        ("LINQ round median", "micros"),
        ("LINQ ratio", "ratio"),
    ];

    /// <summary>The minimum speed-up over recomputation with LINQ, for runs of single-step rounds.</summary>
    public const double LinqRatio = 300;

    private sealed record Entry(string Workload, int Nodes, int Edges, int? Batch, string Metric, double? Bound, bool AtMost, string? Upstream);

    private static readonly Entry[] Entries =
    [
        new("hello", 10_000_000, 50_000_000, 1, "load", 30, true, "10.3 s"),
        new("hello", 10_000_000, 50_000_000, 1, "round median", 200, true, "20 µs"),
        new("hello", 10_000_000, 50_000_000, 1, "round p99", 2_000, true, "34 µs"),
        new("hello", 10_000_000, 50_000_000, 1, "peak working set", 3 * 1.38e9, true, "1.38 GB RSS"),
        new("hello", 100_000, 500_000, 1_000, "steps/s", 300_000, false, "≈1.07M/s"),
        new("hello", 100_000, 500_000, 1_000, "round median", null, true, "0.75 ms"),
        new("degrees", 100_000, 500_000, 1_000, "round median", null, true, "0.81 ms"),
        new("bfs", 1_000_000, 10_000_000, null, "load", 20, true, "5.5 s"),
        new("bfs", 1_000_000, 10_000_000, null, "peak working set", 3 * 0.42e9, true, "0.42 GB RSS"),
        new("bfs", 1_000_000, 10_000_000, 1, "round median", 1_000, true, "64 µs"),
        new("bfs", 1_000_000, 10_000_000, 1_000, "round median", 100_000, true, "23 ms"),
        new("bfs", 100_000, 500_000, 1, "load", null, true, "0.26–0.39 s"),
        new("bfs", 100_000, 500_000, 1, "round median", null, true, "0.07–0.11 ms"),
    ];

    /// <summary>Every metric of <paramref name="result"/> with its target, upstream figure and status.</summary>
    public static IReadOnlyList<TargetCheck> Check(BenchResult result)
    {
        var config = result.Config;
        var checks = new List<TargetCheck>();
        foreach (var (metric, unit) in Metrics)
        {
            var entry = Entries.FirstOrDefault(e => e.Metric == metric && e.Workload == config.Workload && e.Nodes == config.Nodes
                && e.Edges == config.Edges && (e.Batch is null || e.Batch == config.Batch));
            var (bound, atMost) = metric == "LINQ ratio"
                ? (config.Batch == 1 ? LinqRatio : (double?)null, false)
                : (entry?.Bound, entry?.AtMost ?? true);
            var measured = Measure(result, metric);
            var status = bound is null ? "" : double.IsNaN(measured) ? "not measured" : (atMost ? measured <= bound : measured >= bound) ? "met" : "missed";
            checks.Add(new TargetCheck(metric, unit, measured, bound, atMost, entry?.Upstream, status));
        }
        return checks;
    }

    private static double Measure(BenchResult result, string metric) => metric switch
    {
        "load" => result.LoadSeconds,
        "round median" => result.Rounds.Median,
        "round p90" => result.Rounds.P90,
        "round p99" => result.Rounds.P99,
        "steps/s" => result.StepsPerSecond,
        "updates/s" => result.UpdatesPerSecond,
        "peak working set" => result.PeakWorkingSetBytes,
        "heap per loaded edge" => result.HeapBytesPerLoadedEdge,
        "LINQ round median" => result.Linq.Median,
        "LINQ ratio" => result.LinqRatio,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown metric."),
    };

    /// <summary>A figure in its unit, for the table.</summary>
    public static string Show(string unit, double value) => unit switch
    {
        "seconds" => Format.Seconds(value),
        "micros" => Format.Micros(value),
        "rate" => Format.Rate(value),
        "bytes" => Format.Bytes(value),
        "ratio" => Format.Ratio(value),
        _ => value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
