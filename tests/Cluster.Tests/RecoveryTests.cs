using System.Diagnostics;
using AkkaDifferential.Host.Examples;
using Xunit.Abstractions;

namespace AkkaDifferential.Cluster.Tests;

/// <summary>
/// A dataflow on three member processes survives one of them being killed with SIGKILL in the middle of a round:
/// every round's accumulated output, before and after the loss, equals the embedded run's, the capture holds every
/// change of the embedded run once and nothing else (no change told twice, no second copy), and the dataflow ran
/// again on the surviving members. Killing the oldest worker, which hosts the frontier singleton and the shard
/// coordinator, is survived the same way. Each test prints the time from the kill to the first correct round after
/// it (docs/recovery.md); a killed member is replaced by a new process before the next test. The class has members
/// of its own (its fixture), which no other class sees killed.
/// </summary>
public sealed class RecoveryTests(MemberProcesses cluster, ITestOutputHelper output) : IClassFixture<MemberProcesses>
{
    private static readonly GraphOptions Options = new(Nodes: 300, EdgeCount: 900, Seed: 11, Rounds: 6, ChangesPerRound: 6, Buckets: 6);
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(90);
    private const int KillDuring = 3;

    [Theory]
    [InlineData("cc", false)]
    [InlineData("bfs", false)]
    [InlineData("cc", true)]
    [InlineData("bfs", true)]
    public async Task Killing_a_member_mid_round_keeps_every_round_and_the_capture_exact(string example, bool singletonHost)
    {
        await cluster.ReplaceKilledAsync();
        var input = GraphInput.Load(Options);
        var embedded = new List<RoundReport>();
        await GraphRounds.RunAsync(example, input, Options, scope => example == "bfs" ? BfsExample.Build(scope, 0) : ConnectedComponentsExample.Build(scope), TextWriter.Null, TextWriter.Null, embedded.Add);

        var singleton = cluster.OldestWorker();
        var deployed = await cluster.Driver.DeployAsync(cluster.Definitions[example], 0, Options.Buckets);
        // A member that replaced a killed one may not be known to the shard coordinator yet, which then places every
        // bucket on the members it knows, possibly only on the singleton's host: deploy again (bounded) until a member
        // other than the singleton's host has buckets, so that there is one to kill.
        for (var attempt = 0; attempt < 20 && !HostsBesides(deployed, singleton); attempt++)
        {
            await deployed.DisposeAsync();
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            deployed = await cluster.Driver.DeployAsync(cluster.Definitions[example], 0, Options.Buckets);
        }
        await using var dataflow = deployed;
        var (edges, capture, probe, start) = dataflow.Handles;
        var victim = singletonHost ? singleton : dataflow.Buckets.Select(b => b.Path.Address.ToString()).Distinct().Order().First(a => a != singleton);
        var latencies = new List<TimeSpan>();
        TimeSpan? recovery = null;
        for (var round = 0; round <= input.Rounds.Count; round++)
        {
            var clock = Stopwatch.StartNew();
            if (round == 0)
            {
                start?.Invoke();
                foreach (var edge in input.Edges)
                    edges.Insert(edge);
            }
            else
                foreach (var change in input.Rounds[round - 1])
                    edges.Update(change.Edge, change.Diff);
            edges.AdvanceTo(round + 1);
            if (round == KillDuring)
            {
                cluster.Kill(victim);
                clock.Restart();
            }
            try
            {
                await probe.WhenPassed(round).WaitAsync(RoundTimeout);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"{example}: round {round} did not pass within {RoundTimeout.TotalSeconds} s (probe at {probe.Frontier}, capture at {capture.Frontier}, {dataflow.Recoveries} recoveries):\n{cluster.Log()}");
            }
            var result = await capture.CollectionAt(round);
            if (round == KillDuring)
                recovery = clock.Elapsed;
            else
                latencies.Add(clock.Elapsed);
            Assert.Equal(Expand(embedded[round].Result), Expand(result));
        }
        edges.Close();

        Assert.Equal(1, dataflow.Recoveries);
        var told = capture.Updates.Select(u => (u.Data, u.Time, u.Diff)).ToList();
        var twice = told.GroupBy(u => (u.Data, u.Time)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"Changes told twice: {string.Join(", ", twice.Take(10))}");
        var expected = embedded.SelectMany(r => r.OutputChanges).Select(u => (u.Data, u.Time, u.Diff)).Order().ToList();
        Assert.Equal(expected, told.Order().ToList());
        Assert.NotEmpty(embedded[^1].Result);
        var hosts = dataflow.Buckets.Select(b => b.Path.Address.ToString()).Distinct().ToList();
        Assert.DoesNotContain(victim, hosts);
        Assert.All(hosts, host => Assert.Contains(host, cluster.Addresses));
        // The metrics are the new incarnation's: every bucket reports, from a surviving member.
        var reported = (await dataflow.Metrics.SnapshotAsync().WaitAsync(RoundTimeout)).Operators.SelectMany(o => o.Buckets).ToList();
        Assert.Equal(Enumerable.Range(0, Options.Buckets), reported.Select(b => b.Bucket).Distinct().Order());
        Assert.DoesNotContain(reported, b => b.Member == victim);
        output.WriteLine(
            $"{example}, killed {(singletonHost ? "the singleton's host" : "a member")} during round {KillDuring}: kill to round {KillDuring} correct in {recovery!.Value.TotalSeconds:0.0} s; " +
            $"other rounds {latencies.Min().TotalMilliseconds:0}-{latencies.Max().TotalMilliseconds:0} ms (median {latencies.Order().ElementAt(latencies.Count / 2).TotalMilliseconds:0} ms)");
    }

    private static bool HostsBesides<T>(Dataflow<T> dataflow, string singleton) =>
        dataflow.Buckets.Any(b => b.Path.Address.ToString() != singleton);

    /// <summary>A collection as a sorted list of its records, each as often as its multiplicity.</summary>
    private static List<(int Node, int Value)> Expand(IReadOnlyDictionary<(int Node, int Value), long> collection) =>
        [.. collection.SelectMany(kv => Enumerable.Repeat(kv.Key, (int)kv.Value)).Order()];

    private static List<(int Node, int Value)> Expand(IReadOnlyList<(int Node, int Value)> sorted) => [.. sorted.Order()];
}
