using CsCheck;

namespace AkkaDifferential.Operators.Tests.Iterate;

/// <summary>
/// Fixed points computed incrementally: breadth-first distances by <c>Iterate</c> on random graphs that change in
/// rounds, against a plain breadth-first search from scratch after every round.
/// </summary>
public sealed class IterationPropertyTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private const int Nodes = 10;

    private static readonly Gen<(int, int)> EdgeGen = Gen.Select(Gen.Int[0, Nodes - 1], Gen.Int[0, Nodes - 1]);
    private static readonly Gen<((int, int)[] Initial, (int, int)[][] Added)> GraphGen =
        Gen.Select(EdgeGen.Array[0, 18], EdgeGen.Array[0, 4].Array[1, 4]);

    private sealed record Handles(InputSession<(int Src, int Dst), long, long> Edges, InputSession<int, long, long> Roots,
        CaptureHandle<(int Node, int Distance), long, long> Distances, ProbeHandle<long> Probe);

    private static Handles Bfs(Scope<long> scope) => Bfs(scope, enterArranged: false);

    /// <summary>BFS whose loop joins against the edges arranged outside the loop and entered, instead of entering the collection.</summary>
    private static Handles BfsOverEnteredArrangement(Scope<long> scope) => Bfs(scope, enterArranged: true);

    private static Handles Bfs(Scope<long> scope, bool enterArranged)
    {
        var (edgesInput, edges) = scope.NewCollection<(int Src, int Dst)>();
        var (rootsInput, roots) = scope.NewCollection<int>();
        var start = roots.Map(static root => (Node: root, Distance: 0));
        var arrangedEdges = edges.Map(static e => (Key: e.Src, Value: e.Dst)).ArrangeByKey();
        var distances = start.Iterate(reached =>
        {
            var inner = reached.Scope;
            var keyed = reached.Map(static r => (Key: r.Node, Value: r.Distance));
            var stepped = enterArranged
                ? keyed.ArrangeByKey().JoinCore(arrangedEdges.Enter(inner), static (_, distance, dst) => (Key: dst, Value: distance + 1))
                : keyed.JoinMap(edges.Enter(inner).Map(static e => (Key: e.Src, Value: e.Dst)), static (_, distance, dst) => (Key: dst, Value: distance + 1));
            return stepped
                .Concat(start.Enter(inner).Map(static s => (Key: s.Node, Value: s.Distance)))
                .Reduce(static (_, input) => input[0].Value)
                .Map(static r => (Node: r.Key, Distance: r.Value));
        }, maxIterations: 100);
        return new Handles(edgesInput, rootsInput, distances.Capture(), distances.Probe());
    }

    [Fact]
    public Task Bfs_matches_a_from_scratch_search_after_every_round() => CheckBfs(Bfs);

    [Fact]
    public Task Bfs_over_an_entered_arrangement_matches_a_from_scratch_search_after_every_round() => CheckBfs(BfsOverEnteredArrangement);

    private async Task CheckBfs(Func<Scope<long>, Handles> build) =>
        await GraphGen.SampleAsync(async graph =>
        {
            var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) => build(scope), buckets: 3);
            await using var _ = dataflow;
            var (edges, roots, distances, probe) = dataflow.Handles;
            var live = new List<(int, int)>(graph.Initial);
            roots.Insert(0);
            foreach (var edge in graph.Initial) edges.Insert(edge);
            var time = 0L;
            await Check(time);
            foreach (var added in graph.Added)
            {
                time++;
                edges.AdvanceTo(time);
                roots.AdvanceTo(time);
                // Each round removes the oldest edge (if any) and adds new ones.
                if (live.Count > 0)
                {
                    edges.Remove(live[0]);
                    live.RemoveAt(0);
                }
                foreach (var edge in added)
                {
                    edges.Insert(edge);
                    live.Add(edge);
                }
                await Check(time);
            }

            async Task Check(long round)
            {
                edges.AdvanceTo(round + 1);
                roots.AdvanceTo(round + 1);
                await probe.WhenPassed(round).WaitAsync(Timeout);
                var actual = await distances.CollectionAt(round).WaitAsync(Timeout);
                var expected = Reference(live, 0).ToDictionary(kv => (kv.Key, kv.Value), _ => 1L);
                Assert.Equal(expected, actual.ToDictionary());
            }
        }, iter: 25, threads: 1);

    [Fact]
    public async Task A_loop_that_never_converges_fails_with_a_clear_error()
    {
        var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>();
            // Every iteration adds a new, larger number: there is no fixed point.
            var growing = numbers.Iterate(x => x.Map(static n => n + 1).Concat(x).Distinct(), maxIterations: 20, name: "counting up");
            return (input, growing.Probe());
        }, name: "divergent");
        var (input, _) = dataflow.Handles;
        input.Insert(1);
        input.AdvanceTo(1);
        var failure = await Assert.ThrowsAsync<DataflowFailedException>(() => dataflow.Completion.WaitAsync(Timeout));
        Assert.Contains("did not reach a fixed point within 20 iterations", failure.Message);
        Assert.Contains("'counting up'", failure.Message);
    }

    private static Dictionary<int, int> Reference(IEnumerable<(int Src, int Dst)> edges, int root)
    {
        var adjacency = edges.ToLookup(e => e.Src, e => e.Dst);
        var distance = new Dictionary<int, int> { [root] = 0 };
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var node))
            foreach (var next in adjacency[node])
                if (distance.TryAdd(next, distance[node] + 1))
                    frontier.Enqueue(next);
        return distance;
    }
}
