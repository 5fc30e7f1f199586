using AkkaDifferential.Host.Examples;
using CsCheck;

namespace AkkaDifferential.Host.Tests.Examples;

/// <summary>
/// The bfs, cc and scc dataflows on random graphs that change in rounds: after every round the result equals the
/// from-scratch reference algorithm on the edges of that round, and the round's output changes are exactly the
/// difference between consecutive results (consolidated: nothing that cancels out). <c>PROPERTY_ITERATIONS</c>
/// sets the number of random cases per algorithm (25 by default).
/// </summary>
public sealed class GraphExamplesTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly long Cases = long.TryParse(Environment.GetEnvironmentVariable("PROPERTY_ITERATIONS"), out var n) ? n : 25;

    [Fact]
    public Task Bfs_equals_breadth_first_search_after_every_round() =>
        Check("bfs", scope => BfsExample.Build(scope, root: 0), edges => GraphReference.Bfs(edges, root: 0));

    [Fact]
    public Task Cc_equals_union_find_after_every_round() =>
        Check("cc", ConnectedComponentsExample.Build, GraphReference.ConnectedComponents);

    [Fact]
    public Task Scc_equals_tarjan_after_every_round() =>
        Check("scc", SccExample.Build, GraphReference.StronglyConnectedComponents);

    private Task Check(string name, Func<Scope<long>, GraphHandles> build, Func<List<(int Src, int Dst)>, List<(int Node, int Value)>> reference) =>
        GraphCase.Gen.SampleAsync(async graph =>
        {
            var reports = new List<RoundReport>();
            var final = await GraphRounds.RunAsync(name, graph.Input, new GraphOptions(Buckets: graph.Buckets), build, TextWriter.Null, TextWriter.Null, reports.Add, fixture.Engine)
                .WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(graph.Rounds.Count + 1, reports.Count);
            List<(int Node, int Value)> previous = [];
            for (var round = 0; round < reports.Count; round++)
            {
                var expected = reference(graph.EdgesAfter(round));
                Assert.Equal(round, reports[round].Round);
                Assert.Equal(expected, reports[round].Result);
                var changed = expected.Except(previous).Select(r => (r, 1L)).Concat(previous.Except(expected).Select(r => (r, -1L))).Order();
                Assert.Equal(changed, reports[round].OutputChanges.Select(u => (u.Data, u.Diff)).Order());
                previous = expected;
            }
            Assert.Equal(previous, final);
        }, iter: Cases, threads: 1);
}
