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
    public override BenchHandles Build(Scope<long> scope, bool capture)
    {
        var (edgeInput, edges) = scope.NewCollection<(int Src, int Dst)>();
        var (rootInput, roots) = scope.NewCollection<int>();
        var distances = BfsExample.Distances(edges, roots);
        var probe = distances.Probe();
        var output = capture ? distances.Capture() : null;
        return new BenchHandles(edgeInput, probe, () =>
            {
                rootInput.Insert(Root);
                rootInput.Close();
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
}
