using AkkaDifferential.Host.Examples;

namespace AkkaDifferential.Host.Benchmarks;

/// <summary>
/// Upstream's <c>bfs</c> example: the hop distance from node 0 to every node it reaches along directed edges, by
/// <c>Iterate</c> (the dataflow of the <c>bfs</c> command). The answer maps node → distance.
/// </summary>
internal sealed class BfsWorkload : BenchWorkload
{
    /// <summary>The node distances are measured from.</summary>
    public const int Root = 0;

    /// <inheritdoc/>
    public override string Name => "bfs";

    /// <inheritdoc/>
    public override async Task<DeployedWorkload> DeployAsync(DifferentialEngine engine, int buckets, bool capture)
    {
        var dataflow = await engine.BuildAsync((Scope<long> scope) => Build(scope, capture), buckets, "bench-bfs");
        var (edges, roots, probe, output) = dataflow.Handles;
        return new DeployedWorkload(dataflow, dataflow.Metrics, edges, probe, () =>
            {
                roots.Insert(Root);
                roots.Close();
            },
            output is null ? null : async time => ToAnswer(await output.CollectionAt(time), static node => node, static distance => distance));
    }

    /// <inheritdoc/>
    public override Dictionary<long, long> Recompute(IEnumerable<(int Src, int Dst)> edges)
    {
        var successors = edges.ToLookup(static e => e.Src, static e => e.Dst);
        var distance = new Dictionary<long, long> { [Root] = 0 };
        var frontier = new Queue<int>([Root]);
        while (frontier.TryDequeue(out var node))
            foreach (var next in successors[node])
                if (distance.TryAdd(next, distance[node] + 1))
                    frontier.Enqueue(next);
        return distance;
    }

    private static (InputSession<(int Src, int Dst), long, long>, InputSession<int, long, long>, ProbeHandle<long>, CaptureHandle<(int Node, int Value), long, long>?) Build(Scope<long> scope, bool capture)
    {
        var (edgeInput, edges) = scope.NewCollection<(int Src, int Dst)>();
        var (rootInput, roots) = scope.NewCollection<int>();
        var distances = BfsExample.Distances(edges, roots);
        return (edgeInput, rootInput, distances.Probe(), capture ? distances.Capture() : null);
    }
}
