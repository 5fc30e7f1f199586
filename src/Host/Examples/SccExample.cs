namespace AkkaDifferential.Host.Examples;

/// <summary>
/// Strongly connected components, after differential dataflow's <c>algorithms::graphs::scc</c>. A loop keeps the
/// edges that may lie on a cycle: it propagates labels forwards along the kept edges and keeps the edges of the
/// graph whose endpoints receive the same label, then does the same backwards; an edge between two components
/// eventually receives different labels in one direction. At the fixed point only the edges inside components
/// are left, and propagating node ids along them labels each node with the smallest id of its component (a node
/// alone in its component keeps its own id).
/// </summary>
internal static class SccExample
{
    /// <summary>Runs the command: logs each round, then prints <c>node label</c> for every node.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter log)
    {
        var options = GraphOptions.Parse(args);
        GraphRounds.Print(await GraphRounds.RunAsync("scc", GraphInput.Load(options), options, Build, output, log), output);
        return 0;
    }

    /// <summary>The dataflow: an input of edges, and the component label of every node.</summary>
    public static GraphHandles Build(Scope<long> scope)
    {
        var (edges, graph) = scope.NewCollection<(int Src, int Dst)>();
        return GraphHandles.Create(edges, Components(graph));
    }

    /// <summary>The smallest node id of each node's strongly connected component, as <c>(node, label)</c> pairs.</summary>
    public static Collection<(int Node, int Label), TTime, long> Components<TTime>(Collection<(int Src, int Dst), TTime, long> edges)
        where TTime : notnull
    {
        var nodes = GraphCollections.Nodes(edges).Map(static node => (node, node));
        return LabelPropagation.Propagate(StronglyConnectedEdges(edges), nodes);
    }

    /// <summary>The edges whose endpoints are in the same strongly connected component.</summary>
    public static Collection<(int Src, int Dst), TTime, long> StronglyConnectedEdges<TTime>(Collection<(int Src, int Dst), TTime, long> edges)
        where TTime : notnull =>
        edges.Iterate(kept =>
        {
            var graph = edges.Enter(kept.Scope);
            var reversed = graph.Map(static edge => (edge.Dst, edge.Src));
            return TrimEdges(TrimEdges(kept, graph), reversed);
        });

    /// <summary>
    /// Propagates labels along <paramref name="cycles"/> (every destination of <paramref name="edges"/> labelled
    /// by itself) and returns the edges of <paramref name="edges"/> whose endpoints got the same label, reversed.
    /// </summary>
    private static Collection<(int Src, int Dst), TTime, long> TrimEdges<TTime>(Collection<(int Src, int Dst), TTime, long> cycles, Collection<(int Src, int Dst), TTime, long> edges)
        where TTime : notnull
    {
        var nodes = edges.Map(static edge => (edge.Dst, edge.Dst)).Distinct();
        var labels = LabelPropagation.Propagate(cycles, nodes);
        return edges
            .JoinMap(labels, static (src, dst, srcLabel) => (dst, (Src: src, Label: srcLabel)))
            .JoinMap(labels, static (dst, source, dstLabel) => (Edge: (dst, source.Src), Same: source.Label == dstLabel))
            .Filter(static pair => pair.Same)
            .Map(static pair => pair.Edge);
    }
}
