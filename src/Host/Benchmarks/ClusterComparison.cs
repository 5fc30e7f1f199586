namespace AkkaDifferential.Host.Benchmarks;

/// <summary>What one run of a workload measured, embedded or on a cluster: the figures set beside each other.</summary>
/// <param name="LoadSeconds">From the first loaded edge until the probe passed time 0.</param>
/// <param name="RoundMedianMicros">The round median.</param>
/// <param name="RoundP99Micros">The round p99.</param>
/// <param name="StepsPerSecond">Steps per second of round latency.</param>
internal sealed record RunFigures(double LoadSeconds, double RoundMedianMicros, double RoundP99Micros, double StepsPerSecond);

/// <summary>One pair of a cluster comparison: the embedded run, then the cluster's, of the same workload.</summary>
/// <param name="Embedded">The embedded run.</param>
/// <param name="Cluster">The run on the cluster.</param>
internal sealed record ClusterPair(RunFigures Embedded, RunFigures Cluster)
{
    /// <summary>The cluster's round median over the embedded one's.</summary>
    public double RoundRatio => Cluster.RoundMedianMicros / Embedded.RoundMedianMicros;

    /// <summary>The cluster's throughput over the embedded one's.</summary>
    public double ThroughputRatio => Cluster.StepsPerSecond / Embedded.StepsPerSecond;

    /// <summary>The cluster's load over the embedded one's.</summary>
    public double LoadRatio => Cluster.LoadSeconds / Embedded.LoadSeconds;
}

/// <summary>
/// A workload run on the embedded engine and on a cluster in turn (embedded, cluster, embedded, …), the same rounds on
/// the same graph: every pair's figures and the medians. Ratios are the cluster's over the embedded run's, pair by
/// pair, so that a drift of the machine's speed between pairs cancels; the figure to quote is the median of the pairs'
/// ratios. Issue 10's targets, on three members: hello 100k/500k B=1000 at least half the embedded throughput, bfs
/// 100k/500k B=1 a round median of at most 1 ms.
/// </summary>
/// <param name="Cluster">Where the cluster ran: members started by the bench, or the member joined.</param>
/// <param name="Members">Worker members up when the runs started.</param>
/// <param name="Buckets">Buckets of the cluster's dataflow.</param>
/// <param name="Pairs">Every pair, in order.</param>
internal sealed record ClusterComparison(string Cluster, int Members, int Buckets, IReadOnlyList<ClusterPair> Pairs)
{
    /// <summary>Members of the cluster the targets are set for.</summary>
    public const int TargetMembers = 3;

    /// <summary>The least cluster throughput, as a share of the embedded one, for hello 100k/500k B=1000.</summary>
    public const double ThroughputTarget = 0.5;

    /// <summary>The greatest cluster round median, in microseconds, for bfs 100k/500k B=1.</summary>
    public const double RoundTargetMicros = 1_000;

    /// <summary>The embedded run's figures: medians over the pairs.</summary>
    public RunFigures Embedded => Medians(Pairs.Select(static p => p.Embedded));

    /// <summary>The cluster run's figures: medians over the pairs.</summary>
    public RunFigures OnCluster => Medians(Pairs.Select(static p => p.Cluster));

    /// <summary>Median of the pairs' round ratios (cluster / embedded).</summary>
    public double RoundRatio => UpstreamComparison.Median(Pairs.Select(static p => p.RoundRatio));

    /// <summary>Median of the pairs' throughput ratios (cluster / embedded).</summary>
    public double ThroughputRatio => UpstreamComparison.Median(Pairs.Select(static p => p.ThroughputRatio));

    /// <summary>Median of the pairs' load ratios (cluster / embedded).</summary>
    public double LoadRatio => UpstreamComparison.Median(Pairs.Select(static p => p.LoadRatio));

    /// <summary>
    /// Issue 10's target for <paramref name="config"/>'s workload and size on three members, and whether this
    /// comparison meets it; null where the issue sets none.
    /// </summary>
    public (string Target, string Status)? Check(BenchConfig config)
    {
        if (Members != TargetMembers || config.Nodes != 100_000 || config.Edges != 500_000)
            return null;
        if (config.Workload == "hello" && config.Batch == 1_000)
            return ($"throughput ≥ {ThroughputTarget:0.#}× embedded", ThroughputRatio >= ThroughputTarget ? "met" : "missed");
        if (config.Workload == "bfs" && config.Batch == 1)
            return ($"round median ≤ {Format.Micros(RoundTargetMicros)}", OnCluster.RoundMedianMicros <= RoundTargetMicros ? "met" : "missed");
        return null;
    }

    private static RunFigures Medians(IEnumerable<RunFigures> runs)
    {
        var all = runs.ToList();
        return new RunFigures(
            UpstreamComparison.Median(all.Select(static r => r.LoadSeconds)),
            UpstreamComparison.Median(all.Select(static r => r.RoundMedianMicros)),
            UpstreamComparison.Median(all.Select(static r => r.RoundP99Micros)),
            UpstreamComparison.Median(all.Select(static r => r.StepsPerSecond)));
    }
}
