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
            if (result.Upstream is { } upstream)
                WriteUpstream(output, upstream, result.PeakWorkingSetBytes);
            if (result.Cluster is { } cluster)
                WriteCluster(output, config, cluster);
        }
        var checks = report.Results.SelectMany(r => r.Checks).Where(c => c.Status != "").ToList();
        output.WriteLine();
        output.WriteLine($"Targets: {checks.Count(c => c.Status == "met")} met, {checks.Count(c => c.Status == "missed")} missed.");
        var beside = report.Results.Where(r => r.Upstream is not null).ToList();
        if (beside.Count > 0)
        {
            output.WriteLine($"Beside upstream (ours/upstream, medians of pairs; ≤ {UpstreamComparison.Target:0}× is met):");
            foreach (var result in beside)
                output.WriteLine($"  {result.Config.Label,-28} round {Format.Ratio(result.Upstream!.RoundRatio),8} {UpstreamComparison.Status(result.Upstream.RoundRatio),-7} load {Format.Ratio(result.Upstream.LoadRatio),8} {UpstreamComparison.Status(result.Upstream.LoadRatio)}");
        }
        var clustered = report.Results.Where(r => r.Cluster is not null).ToList();
        if (clustered.Count > 0)
        {
            output.WriteLine("On a cluster (cluster/embedded, medians of pairs):");
            foreach (var result in clustered)
            {
                var cluster = result.Cluster!;
                var check = cluster.Check(result.Config) is { } c ? $"  {c.Target}: {c.Status}" : "";
                output.WriteLine($"  {result.Config.Label,-28} {cluster.Members} members: round {Format.Micros(cluster.OnCluster.RoundMedianMicros),9} ({Format.Ratio(cluster.RoundRatio)}), " +
                    $"throughput {Format.Rate(cluster.OnCluster.StepsPerSecond)} ({Format.Ratio(cluster.ThroughputRatio)}){check}");
            }
        }
    }

    /// <summary>The cluster's figures beside the embedded run's: medians over the pairs, and the median of the pairs' ratios.</summary>
    private static void WriteCluster(TextWriter output, BenchConfig config, ClusterComparison cluster)
    {
        var (embedded, onCluster) = (cluster.Embedded, cluster.OnCluster);
        output.WriteLine($"  on a cluster: {cluster.Cluster}, {cluster.Buckets} bucket{(cluster.Buckets == 1 ? "" : "s")}, {cluster.Pairs.Count} pair{(cluster.Pairs.Count == 1 ? "" : "s")} run in turn (embedded, cluster)");
        output.WriteLine($"  {"metric",-22} {"embedded",12} {"cluster",12} {"cluster/embedded",17}");
        output.WriteLine($"  {"load",-22} {Format.Seconds(embedded.LoadSeconds),12} {Format.Seconds(onCluster.LoadSeconds),12} {Format.Ratio(cluster.LoadRatio),17}");
        output.WriteLine($"  {"round median",-22} {Format.Micros(embedded.RoundMedianMicros),12} {Format.Micros(onCluster.RoundMedianMicros),12} {Format.Ratio(cluster.RoundRatio),17}");
        output.WriteLine($"  {"round p99",-22} {Format.Micros(embedded.RoundP99Micros),12} {Format.Micros(onCluster.RoundP99Micros),12} {Format.Ratio(onCluster.RoundP99Micros / embedded.RoundP99Micros),17}");
        output.WriteLine($"  {"steps/s",-22} {Format.Rate(embedded.StepsPerSecond),12} {Format.Rate(onCluster.StepsPerSecond),12} {Format.Ratio(cluster.ThroughputRatio),17}");
        if (cluster.Check(config) is { } check)
            output.WriteLine($"  target (issue 10, {ClusterComparison.TargetMembers} members): {check.Target}: {check.Status}");
        output.WriteLine($"  pairs, round median embedded/cluster: {string.Join(", ", cluster.Pairs.Select(p => $"{Format.Micros(p.Embedded.RoundMedianMicros)}/{Format.Micros(p.Cluster.RoundMedianMicros)}"))}");
    }

    /// <summary>
    /// Upstream's figures beside ours: medians over the pairs, and the median of the pairs' ratios; peak memory is
    /// upstream's largest resident set beside our process's peak working set (<paramref name="peakWorkingSet"/>).
    /// </summary>
    private static void WriteUpstream(TextWriter output, UpstreamComparison upstream, long peakWorkingSet)
    {
        output.WriteLine($"  beside upstream: {Path.GetFileName(upstream.Program)} {upstream.Arguments}, {upstream.Pairs.Count} pair{(upstream.Pairs.Count == 1 ? "" : "s")} run in turn (upstream, ours)");
        output.WriteLine($"  {"metric",-22} {"upstream",12} {"ours",12} {"ours/upstream",14}  status (≤ {UpstreamComparison.Target:0}×)");
        output.WriteLine($"  {"load",-22} {Format.Seconds(upstream.UpstreamLoad),12} {Format.Seconds(upstream.Load),12} {Format.Ratio(upstream.LoadRatio),14}  {UpstreamComparison.Status(upstream.LoadRatio)}");
        output.WriteLine($"  {"round median",-22} {Format.Micros(upstream.UpstreamRoundMedian),12} {Format.Micros(upstream.RoundMedian),12} {Format.Ratio(upstream.RoundRatio),14}  {UpstreamComparison.Status(upstream.RoundRatio)}");
        output.WriteLine($"  {"round p99",-22} {Format.Micros(upstream.UpstreamRoundP99),12} {Format.Micros(upstream.RoundP99),12} {Format.Ratio(upstream.RoundP99 / upstream.UpstreamRoundP99),14}");
        output.WriteLine($"  {"peak memory",-22} {Format.Bytes(upstream.UpstreamPeakRss),12} {Format.Bytes(peakWorkingSet),12} {Format.Ratio((double)peakWorkingSet / upstream.UpstreamPeakRss),14}");
        output.WriteLine($"  pairs, load upstream/ours: {string.Join(", ", upstream.Pairs.Select(p => $"{Format.Seconds(p.Upstream.LoadSeconds)}/{Format.Seconds(p.LoadSeconds)}"))}");
        output.WriteLine($"  pairs, round median upstream/ours: {string.Join(", ", upstream.Pairs.Select(p => $"{Format.Micros(p.Upstream.RoundMedianMicros)}/{Format.Micros(p.RoundMedianMicros)}"))}");
    }

    private static string Percent(double part, double whole) => whole > 0 ? $"{100 * part / whole:0}%" : "—";
}
