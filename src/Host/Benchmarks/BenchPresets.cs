namespace AkkaDifferential.Host.Benchmarks;

/// <summary>
/// The runs of <c>bench all</c>, chosen to finish in under five minutes on the two-core machine of
/// docs/benchmarks.md: every workload at the small size (100k nodes, 500k edges), hello and degrees across
/// batch sizes for the throughput plot, and bfs at 1M/10M (B = 1 and B = 1000). hello at 10M/50M does not fit the
/// budget (its load alone takes minutes) and is run on its own: <c>bench hello --nodes 10000000 --edges-count 50000000 --batch 1</c>.
/// </summary>
internal static class BenchPresets
{
    /// <summary>LINQ rounds of the large runs: one recomputation of 10M edges takes seconds.</summary>
    private const int LargeLinqRounds = 3;

    /// <summary>The preset, with <paramref name="buckets"/> buckets, verification, sending and warm-up as given.</summary>
    public static IReadOnlyList<BenchConfig> All(int buckets, bool verify, bool flushEachStep, bool warmup) =>
    [
        new("hello", 100_000, 500_000, 1_000, 20, buckets, Verify: verify, FlushEachStep: flushEachStep, Warmup: warmup),
        new("hello", 100_000, 500_000, 100, 50, buckets, Verify: verify, FlushEachStep: flushEachStep, Warmup: warmup),
        new("hello", 100_000, 500_000, 10, 200, buckets, Verify: verify, FlushEachStep: flushEachStep, Warmup: warmup),
        new("hello", 100_000, 500_000, 1, 1_000, buckets, Verify: verify, FlushEachStep: flushEachStep, Warmup: warmup),
        new("degrees", 100_000, 500_000, 1_000, 20, buckets, Verify: verify, FlushEachStep: flushEachStep, Warmup: warmup),
        new("degrees", 100_000, 500_000, 1, 1_000, buckets, Verify: verify, FlushEachStep: flushEachStep, Warmup: warmup),
        new("bfs", 100_000, 500_000, 1, 200, buckets, Verify: verify, FlushEachStep: flushEachStep, Warmup: warmup),
        new("bfs", 100_000, 500_000, 1_000, 10, buckets, Verify: verify, FlushEachStep: flushEachStep, Warmup: warmup),
        new("bfs", 1_000_000, 10_000_000, 1, 100, buckets, LinqRounds: LargeLinqRounds, Verify: verify, FlushEachStep: flushEachStep, Warmup: warmup),
        new("bfs", 1_000_000, 10_000_000, 1_000, 5, buckets, LinqRounds: LargeLinqRounds, Verify: verify, FlushEachStep: flushEachStep, Warmup: warmup),
    ];
}
