using System.Text.Json;
using AkkaDifferential.Host.Benchmarks;
using AkkaDifferential.Host.Cli;

namespace AkkaDifferential.Host.Tests.Benchmarks;

/// <summary>
/// A CI-sized run of the benchmark harness (200 nodes, 1,000 edges, two rounds of ten steps): the answers the
/// dataflows reach after the rounds equal independent computations over the same generated edges, and the JSON and
/// plots are written. No timing is asserted.
/// </summary>
public sealed class BenchHarnessTests
{
    private const int Nodes = 200;
    private const int Edges = 1_000;
    private const int Batch = 10;
    private const int Rounds = 2;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The live edges after the rounds: the k-th step inserted generated edge M + k and removed generated edge k, so
    /// what is left is the generated edges [B·R, M + B·R).
    /// </summary>
    private static List<(int Src, int Dst)> FinalEdges()
    {
        var generator = new EdgeGenerator(Nodes, Isaac64.UpstreamDefault());
        var all = Enumerable.Range(0, Edges + Batch * Rounds).Select(_ => generator.NextEdge()).ToList();
        return all[(Batch * Rounds)..];
    }

    private static async Task<BenchOutcome> Run(string workload, bool flushEachStep = false)
    {
        var config = new BenchConfig(workload, Nodes, Edges, Batch, Rounds, Buckets: 2, LinqRounds: Rounds, Verify: true, FlushEachStep: flushEachStep, Warmup: false);
        var outcome = await BenchRunner.RunAsync(config, ProgressDisplay.Silent).WaitAsync(Timeout);
        Assert.True(outcome.Result.Verified, "the dataflow's answer differs from the LINQ recomputation");
        Assert.Equal(Rounds, outcome.Result.Rounds.Count);
        Assert.Equal(Rounds, outcome.Result.Linq.Count);
        Assert.All(outcome.Result.RoundMicros, micros => Assert.True(micros > 0));
        return outcome;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Hello_ends_with_the_degree_distribution_of_the_final_edges(bool flushEachStep)
    {
        var outDegree = new Dictionary<int, long>();
        foreach (var (src, _) in FinalEdges())
            outDegree[src] = outDegree.GetValueOrDefault(src) + 1;
        var expected = new Dictionary<long, long>();
        foreach (var degree in outDegree.Values)
            expected[degree] = expected.GetValueOrDefault(degree) + 1;

        var outcome = await Run("hello", flushEachStep);

        Assert.Equal(expected.OrderBy(kv => kv.Key), outcome.DataflowAnswer!.OrderBy(kv => kv.Key));
    }

    [Fact]
    public async Task Degrees_ends_with_the_out_degrees_of_the_final_edges()
    {
        var expected = new Dictionary<long, long>();
        foreach (var (src, _) in FinalEdges())
            expected[src] = expected.GetValueOrDefault(src) + 1;

        var outcome = await Run("degrees");

        Assert.Equal(expected.OrderBy(kv => kv.Key), outcome.DataflowAnswer!.OrderBy(kv => kv.Key));
    }

    [Fact]
    public async Task Bfs_ends_with_the_distances_of_a_reference_search_over_the_final_edges()
    {
        var successors = new Dictionary<int, List<int>>();
        foreach (var (src, dst) in FinalEdges())
            (successors.TryGetValue(src, out var list) ? list : successors[src] = []).Add(dst);
        var expected = new Dictionary<long, long> { [0] = 0 };
        var frontier = new List<int> { 0 };
        for (var distance = 1; frontier.Count > 0; distance++)
        {
            var next = new List<int>();
            foreach (var node in frontier)
                foreach (var successor in successors.GetValueOrDefault(node, []))
                    if (expected.TryAdd(successor, distance))
                        next.Add(successor);
            frontier = next;
        }

        var outcome = await Run("bfs");

        Assert.True(expected.Count > 1, "the root should reach other nodes in this graph");
        Assert.Equal(expected.OrderBy(kv => kv.Key), outcome.DataflowAnswer!.OrderBy(kv => kv.Key));
    }

    [Fact]
    public async Task The_command_prints_the_table_and_writes_json_and_plots()
    {
        var directory = Directory.CreateTempSubdirectory("bench-test-");
        try
        {
            var json = Path.Combine(directory.FullName, "results.json");
            var plots = Path.Combine(directory.FullName, "plots");
            var output = new StringWriter();
            string[] args = ["hello", "--nodes", $"{Nodes}", "--edges-count", $"{Edges}", "--batch", $"{Batch}", "--rounds", $"{Rounds}", "--buckets", "2", "--verify", "--no-warmup", "--json", json, "--plots", plots];

            var code = await BenchCommand.RunAsync(args, output, ProgressDisplay.Silent).WaitAsync(Timeout);

            Assert.Equal(0, code);
            var table = output.ToString();
            Assert.Contains("hello 200/1k B=10", table);
            Assert.Contains("LINQ ratio", table);
            using var document = JsonDocument.Parse(File.ReadAllText(json));
            var result = document.RootElement.GetProperty("results").EnumerateArray().Single();
            Assert.Equal("hello", result.GetProperty("config").GetProperty("workload").GetString());
            Assert.Equal(Rounds, result.GetProperty("roundMicros").GetArrayLength());
            Assert.True(result.GetProperty("verified").GetBoolean());
            Assert.Contains(result.GetProperty("checks").EnumerateArray(), c => c.GetProperty("metric").GetString() == "LINQ ratio");
            Assert.Equal(Rounds, BenchReport.Load(json).Results.Single().RoundMicros.Count);
            var png = await File.ReadAllBytesAsync(Path.Combine(plots, "bench-latency-hello.png"));
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_warm_up_runs_the_same_workload_and_batch_on_a_small_graph()
    {
        var config = new BenchConfig("bfs", 1_000_000, 10_000_000, 1_000, 5, 2, Verify: true);

        var warmup = BenchConfig.WarmupOf(config);

        Assert.Equal(("bfs", 1_000, 5_000, 1_000, 2), (warmup.Workload, warmup.Nodes, warmup.Edges, warmup.Batch, warmup.Buckets));
        Assert.True(warmup.Rounds * warmup.Batch >= 20_000);
        Assert.False(warmup.Verify || warmup.Warmup);
    }

    [Fact]
    public void Unknown_workloads_and_options_are_refused()
    {
        Assert.Throws<CommandLineException>(() => BenchCommand.RunAsync(["triangles"], TextWriter.Null, ProgressDisplay.Silent).GetAwaiter().GetResult());
        Assert.Throws<CommandLineException>(() => BenchCommand.RunAsync(["hello", "--node", "5"], TextWriter.Null, ProgressDisplay.Silent).GetAwaiter().GetResult());
        Assert.Throws<CommandLineException>(() => BenchCommand.RunAsync(["hello", "--edges-count", "0"], TextWriter.Null, ProgressDisplay.Silent).GetAwaiter().GetResult());
    }

    [Fact]
    public void The_all_preset_covers_every_workload_at_the_issues_small_size()
    {
        var preset = BenchPresets.All(buckets: 1, verify: false, flushEachStep: false, warmup: true);

        foreach (var workload in BenchConfig.Workloads)
            Assert.Contains(preset, c => c.Workload == workload && c.Nodes == 100_000 && c.Edges == 500_000);
        Assert.Contains(preset, c => c.Workload == "hello" && c.Batch == 1_000);
        Assert.True(preset.Where(c => c.Workload == "hello").Select(c => c.Batch).Distinct().Count() >= 3, "the throughput plot needs several batch sizes");
    }
}
