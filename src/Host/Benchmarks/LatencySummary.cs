namespace AkkaDifferential.Host.Benchmarks;

/// <summary>Order statistics of a series of latencies, in microseconds (NaN when the series is empty).</summary>
/// <param name="Count">How many latencies.</param>
/// <param name="Median">The 50th percentile.</param>
/// <param name="P90">The 90th percentile.</param>
/// <param name="P99">The 99th percentile.</param>
/// <param name="Max">The largest.</param>
/// <param name="Total">The sum.</param>
internal sealed record LatencySummary(int Count, double Median, double P90, double P99, double Max, double Total)
{
    /// <summary>Summarizes <paramref name="micros"/>; percentiles by nearest rank (the smallest value with at least p% of the series at or below it).</summary>
    public static LatencySummary Of(IReadOnlyCollection<double> micros)
    {
        if (micros.Count == 0)
            return new LatencySummary(0, double.NaN, double.NaN, double.NaN, double.NaN, 0);
        var sorted = micros.Order().ToArray();
        return new LatencySummary(sorted.Length, Percentile(sorted, 50), Percentile(sorted, 90), Percentile(sorted, 99), sorted[^1], sorted.Sum());
    }

    private static double Percentile(double[] sorted, int percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(sorted.Length * percent / 100.0) - 1, 0, sorted.Length - 1)];
}
