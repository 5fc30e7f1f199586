using System.Text.RegularExpressions;
using AkkaDifferential.Host.Benchmarks;
using AkkaDifferential.Host.Cli;

namespace AkkaDifferential.Cluster.Tests;

/// <summary>
/// The commands with <c>--cluster H:P</c> on three member processes: each example prints, round by round, what it
/// prints on the embedded engine, and <c>bench</c> runs the workload on the members with answers equal to LINQ's
/// recomputation. Each run joins the cluster as a driver of its own, as a user's command does.
/// </summary>
[Collection(ThreeMembers.Name)]
public sealed partial class ClusterCommandTests(MemberProcesses cluster)
{
    [Theory]
    [InlineData("degrees --nodes 200 --edges-count 800 --edges-per-round 20 --rounds 3 --buckets 5")]
    [InlineData("scc --nodes 60 --edges-count 150 --rounds 3 --changes-per-round 6 --buckets 5 --print-changes")]
    [InlineData("words --buckets 5")]
    [InlineData("bfs --nodes 100 --edges-count 300 --rounds 2 --buckets 4 --print-changes")]
    public async Task An_example_on_the_cluster_prints_what_it_prints_embedded(string command)
    {
        var embedded = await RunAsync(command);
        var clustered = await RunAsync($"{command} --cluster {cluster.Seed}");

        Assert.Equal(0, embedded.Code);
        Assert.Equal(0, clustered.Code);
        Assert.Equal(WithoutTimings(embedded.Output), WithoutTimings(clustered.Output));
        Assert.True(embedded.Output.Split('\n').Length > 5, $"Too little output to compare:\n{embedded.Output}");
        Assert.Contains($"joined the cluster at {cluster.Seed}: {MemberProcesses.Members} workers up", clustered.Log);
    }

    [Theory]
    [InlineData("hello", 2)]
    [InlineData("degrees", 2)]
    [InlineData("bfs", 1)]
    public async Task Bench_on_a_running_cluster_gives_the_answers_of_linq(string workload, int batch)
    {
        var config = new BenchConfig(workload, 300, 1_500, batch, Rounds: 6, Buckets: 2, LinqRounds: 6, Verify: true, Warmup: false, Pairs: 1, Cluster: cluster.Seed);
        var outcome = await BenchRunner.RunAsync(config, ProgressDisplay.Silent).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(outcome.Result.Verified, $"The answers differ from LINQ's:\n{cluster.Log()}");
        var comparison = Assert.IsType<ClusterComparison>(outcome.Result.Cluster);
        Assert.Equal(MemberProcesses.Members, comparison.Members);
        Assert.Equal(MemberProcesses.Members, comparison.Buckets);
        var pair = Assert.Single(comparison.Pairs);
        Assert.All(new[] { pair.Cluster.LoadSeconds, pair.Cluster.RoundMedianMicros, pair.Cluster.StepsPerSecond, pair.Embedded.RoundMedianMicros }, figure => Assert.True(figure > 0));
        Assert.Contains(cluster.Seed, comparison.Cluster);
    }

    private static async Task<(int Code, string Output, string Log)> RunAsync(string command)
    {
        var (output, log) = (new StringWriter(), new StringWriter());
        var code = await Commands.RunAsync(command.Split(' '), output, log, ProgressDisplay.Silent).WaitAsync(TimeSpan.FromMinutes(2));
        return (code, output.ToString(), log.ToString());
    }

    /// <summary>The output with every "in 1.23 ms" made "in _ ms": the rounds' latencies differ from run to run.</summary>
    private static string WithoutTimings(string output) => Timing().Replace(output, "in _ ms");

    [GeneratedRegex(@"in [0-9]+\.[0-9]+ ms")]
    private static partial Regex Timing();
}
