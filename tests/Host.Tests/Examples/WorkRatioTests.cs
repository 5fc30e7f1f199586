using AkkaDifferential.Host.Examples;
using Xunit.Abstractions;

namespace AkkaDifferential.Host.Tests.Examples;

/// <summary>
/// Incremental work: after breadth-first search over a large random graph, a round that changes one edge makes the
/// dataflow's operators process a small fraction of the records that the initial computation did. Work is counted
/// in records (<c>Dataflow.Metrics.RecordsProcessed</c>), not time, so the test does not depend on the machine.
/// </summary>
public sealed class WorkRatioTests(EngineFixture fixture, ITestOutputHelper output) : IClassFixture<EngineFixture>
{
    private const int Nodes = 20_000;
    private const int Edges = 100_000;

    [Fact]
    public async Task Changing_one_edge_costs_a_small_fraction_of_the_initial_computation()
    {
        var random = new Random(7);
        var edges = RandomGraph.Edges(random, Nodes, Edges);
        var distance = GraphReference.Bfs(edges, root: 0).ToDictionary(r => r.Node, r => r.Value);
        // Round 1 adds an edge that shortens a path by one hop; round 2 removes the only edge into a node from
        // the layer before it. Both change distances.
        var reached = distance.Keys.Order().ToList();
        (int Src, int Dst) added;
        do
            added = (reached[random.Next(reached.Count)], reached[random.Next(reached.Count)]);
        while (distance[added.Dst] != distance[added.Src] + 2);
        var parents = edges.Where(e => distance.TryGetValue(e.Src, out var d) && distance[e.Dst] == d + 1)
            .GroupBy(e => e.Dst).Where(g => g.Count() == 1).Select(g => g.Single()).ToList();
        var removed = parents[random.Next(parents.Count)];
        List<List<EdgeChange>> rounds =
        [
            [new EdgeChange(added.Src, added.Dst, +1)],
            [new EdgeChange(removed.Src, removed.Dst, -1)],
        ];
        var reports = new List<RoundReport>();
        await GraphRounds.RunAsync("bfs", new GraphInput(edges, rounds), new GraphOptions(Buckets: 2), scope => BfsExample.Build(scope, root: 0),
            TextWriter.Null, TextWriter.Null, reports.Add, fixture.Engine).WaitAsync(TimeSpan.FromSeconds(120));

        var initial = reports[0].RecordsProcessed;
        Assert.True(reports[0].Result.Count > Nodes / 2, $"only {reports[0].Result.Count} nodes reached: the graph is too sparse for the test");
        foreach (var report in reports.Skip(1))
        {
            var ratio = (double)report.RecordsProcessed / initial;
            output.WriteLine($"round {report.Round} ({report.EdgeChanges[0]}): {report.RecordsProcessed:N0} records processed against {initial:N0} initially, " +
                $"ratio {ratio:P3}; {report.OutputChanges.Count} output changes; {report.Latency.TotalMilliseconds:F1} ms against {reports[0].Latency.TotalMilliseconds:F1} ms");
            Assert.NotEmpty(report.OutputChanges);
            Assert.True(ratio < 0.05, $"round {report.Round} processed {ratio:P2} of the initial computation's records");
        }
    }
}
