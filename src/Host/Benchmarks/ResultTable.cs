namespace AkkaDifferential.Host.Benchmarks;

/// <summary>The results as text tables: per run, every figure beside its target, upstream's figure and met/missed.</summary>
internal static class ResultTable
{
    /// <summary>Writes the tables of <paramref name="report"/> and a summary of the targets.</summary>
    public static void Write(TextWriter output, BenchReport report)
    {
        output.WriteLine($"Machine: {report.Machine}");
        foreach (var result in report.Results)
        {
            var config = result.Config;
            output.WriteLine();
            output.WriteLine($"{config.Label}: {config.Rounds:N0} rounds, {config.Buckets} bucket{(config.Buckets == 1 ? "" : "s")}, {(config.Warmup ? "after warm-up" : "cold start")}, {(config.FlushEachStep ? "each step sent on its own" : "each round sent at its end")}, " +
                $"LINQ baseline over {result.Linq.Count} rounds" + (result.Verified switch { true => ", answers verified", false => ", ANSWERS DIFFER", null => "" }));
            output.WriteLine($"  {"metric",-22} {"measured",12} {"target",12} {"upstream",14}  status");
            foreach (var check in result.Checks)
            {
                var target = check.Target is { } bound ? (check.AtMost ? "≤ " : "≥ ") + BenchTargets.Show(check.Unit, bound) : "—";
                output.WriteLine($"  {check.Metric,-22} {BenchTargets.Show(check.Unit, check.Measured),12} {target,12} {check.Upstream ?? "—",14}  {check.Status}");
            }
            output.WriteLine($"  where time goes: load fed in {Format.Seconds(result.LoadFeedSeconds)} (GC pauses {Format.Seconds(result.LoadGcPauseSeconds)}); " +
                $"rounds: driver {Percent(result.RoundsFeedSeconds * 1e6, result.Rounds.Total)} of the time, GC pauses {Percent(result.RoundsGcPauseSeconds * 1e6, result.Rounds.Total)}, " +
                $"{result.RoundsGen2Collections} gen2 collections, {Format.Bytes(result.AllocatedBytesPerStep)} allocated and {result.RecordsPerStep:0.#} operator records per step; " +
                $"heap {Format.Bytes(result.HeapBytesAfterLoad)} after load, {Format.Bytes(result.HeapBytesAfterRounds)} after rounds");
        }
        var checks = report.Results.SelectMany(r => r.Checks).Where(c => c.Status != "").ToList();
        output.WriteLine();
        output.WriteLine($"Targets: {checks.Count(c => c.Status == "met")} met, {checks.Count(c => c.Status == "missed")} missed.");
    }

    private static string Percent(double part, double whole) => whole > 0 ? $"{100 * part / whole:0}%" : "—";
}
