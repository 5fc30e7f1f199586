namespace AkkaDifferential.Host.Benchmarks;

/// <summary>
/// One benchmark run: a workload on a random graph of <see cref="Nodes"/> nodes and <see cref="Edges"/> edges loaded
/// at time 0, then <see cref="Rounds"/> rounds of <see cref="Batch"/> steps, each step inserting one new edge and
/// removing the oldest at its own time (the upstream examples' protocol).
/// </summary>
/// <param name="Workload">hello, degrees or bfs.</param>
/// <param name="Nodes">Nodes of the graph.</param>
/// <param name="Edges">Edges loaded at time 0 (the live edge count stays at this).</param>
/// <param name="Batch">Steps per round (B): a round ends when the probe passes its last step's time.</param>
/// <param name="Rounds">Rounds (R) measured.</param>
/// <param name="Buckets">Buckets (workers) of the dataflow.</param>
/// <param name="LinqRounds">
/// At most this many rounds are also done by recomputing from scratch with LINQ (the baseline); the baseline stops
/// earlier when it has run for <see cref="LinqBudgetSeconds"/> (after at least three rounds).
/// </param>
/// <param name="LinqBudgetSeconds">Wall-clock budget of the LINQ baseline.</param>
/// <param name="Verify">
/// Capture the dataflow's output and compare its final answer with the LINQ recomputation over the final edges
/// (costs time and memory on the driver; off for measurements).
/// </param>
/// <param name="FlushEachStep">
/// Send every step on its own (<c>AdvanceTo(t)</c>) instead of moving the input's time without sending
/// (<c>AdvanceTo(t, flush: false)</c>, as upstream's <c>advance_to</c>) and sending the round at its end.
/// </param>
/// <param name="Warmup">
/// Before measuring, run the same workload on a small graph (1,000 nodes, 5,000 edges, at least 20,000 steps and
/// 200 rounds, so that the code run once per round is tiered up as well as the code run per record) and
/// the LINQ baseline on it in the same process, so that the measured code is jitted and tiered up as in a
/// long-running service (<see cref="WarmupOf"/>), <see cref="JitSettling.WarmupPasses"/> times; after each warm-up
/// pass, and after the load before the rounds, the run waits for the JIT's background compilations to finish
/// (<see cref="JitSettling"/>).
/// </param>
/// <param name="Upstream">
/// A directory holding upstream's programs (<c>dd-hello</c>, …, or a <c>bin</c> folder of them): upstream's program
/// for the workload then runs <see cref="Pairs"/> times, each run followed by one of ours, and the result holds both
/// and their ratio (<see cref="UpstreamComparison"/>).
/// </param>
/// <param name="Pairs">With <see cref="Upstream"/> or <see cref="Cluster"/>: how many times the two runs alternate.</param>
/// <param name="Cluster">
/// Also run the workload on a cluster, in turn with the embedded run (<see cref="ClusterComparison"/>): a number of
/// members to start on this machine (<c>"3"</c>), or the <c>host:port</c> of a member of a running cluster; null for
/// the embedded run only.
/// </param>
/// <param name="ClusterBuckets">With <see cref="Cluster"/>: buckets of the cluster's dataflow; null for one per worker member.</param>
internal sealed record BenchConfig(
    string Workload,
    int Nodes,
    int Edges,
    int Batch,
    int Rounds,
    int Buckets,
    int LinqRounds = BenchConfig.DefaultLinqRounds,
    double LinqBudgetSeconds = BenchConfig.DefaultLinqBudgetSeconds,
    bool Verify = false,
    bool FlushEachStep = false,
    bool Warmup = true,
    string? Upstream = null,
    int Pairs = BenchConfig.DefaultPairs,
    string? Cluster = null,
    int? ClusterBuckets = null)
{
    /// <summary>Pairs of upstream's run and ours unless told.</summary>
    public const int DefaultPairs = 3;

    /// <summary>Rounds of the LINQ baseline unless told.</summary>
    public const int DefaultLinqRounds = 50;

    /// <summary>Seconds the LINQ baseline may run unless told.</summary>
    public const double DefaultLinqBudgetSeconds = 20;

    /// <summary>The workloads the harness knows.</summary>
    public static readonly IReadOnlyList<string> Workloads = ["hello", "degrees", "bfs"];

    /// <summary>The logical time of step <paramref name="step"/> (from 0) of round <paramref name="round"/> (from 0); the load is at time 0.</summary>
    public long StepTime(int round, int step) => 1 + (long)round * Batch + step;

    /// <summary>The last time of round <paramref name="round"/>: the round ends when the probe has passed it.</summary>
    public long LastTime(int round) => StepTime(round, Batch - 1);

    /// <summary>The warm-up run of <paramref name="config"/>: the same workload and batch on a small graph.</summary>
    public static BenchConfig WarmupOf(BenchConfig config) => config with
    {
        Nodes = Math.Min(config.Nodes, 1_000),
        Edges = Math.Min(config.Edges, 5_000),
        Rounds = Math.Max(200, 20_000 / config.Batch),
        LinqRounds = 3,
        Verify = false,
        Warmup = false,
        Upstream = null,
        Cluster = null,
    };

    /// <summary>A short label: workload, sizes and batch.</summary>
    public string Label => $"{Workload} {Format.Count(Nodes)}/{Format.Count(Edges)} B={Batch}";
}
