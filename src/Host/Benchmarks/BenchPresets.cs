namespace AkkaDifferential.Host.Benchmarks;

/// <summary>
/// The runs of <c>bench all</c>: the small sizes (100k nodes, 500k edges) for every workload, and hello
/// across batch sizes for the throughput plot. Chosen to finish in under five minutes on a two-core machine;
/// the large sizes (hello 10M/50M, bfs 1M/10M) are run one by one (see docs/benchmarks.md).
/// </summary>
internal static class BenchPresets
{
    /// <summary>The preset, with <paramref name="buckets"/> buckets.</summary>
    public static IReadOnlyList<BenchConfig> All(int buckets, bool verify) =>
    [
        new("hello", 100_000, 500_000, 1_000, 20, buckets, Verify: verify),
        new("hello", 100_000, 500_000, 100, 50, buckets, Verify: verify),
        new("hello", 100_000, 500_000, 10, 100, buckets, Verify: verify),
        new("hello", 100_000, 500_000, 1, 500, buckets, Verify: verify),
        new("degrees", 100_000, 500_000, 1_000, 20, buckets, Verify: verify),
        new("bfs", 100_000, 500_000, 1, 200, buckets, Verify: verify),
    ];
}
