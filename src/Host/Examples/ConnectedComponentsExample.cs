namespace AkkaDifferential.Host.Examples;

/// <summary>
/// Connected components of the graph taken as undirected, by label propagation: every node starts with its own id
/// as label and takes the smallest label among itself and its neighbours until nothing changes, so that each node
/// ends labelled with the smallest node id of its component. The nodes are the endpoints of the edges.
/// </summary>
internal static class ConnectedComponentsExample
{
    /// <summary>Runs the command: logs each round, then prints <c>node label</c> for every node.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter log)
    {
        var options = GraphOptions.Parse(args);
        GraphRounds.Print(await GraphRounds.RunAsync("cc", GraphInput.Load(options), options, Build, output, log), output);
        return 0;
    }

    /// <summary>The dataflow: an input of edges, and the component label of every node.</summary>
    public static GraphHandles Build(Scope<long> scope)
    {
        var (edges, graph) = scope.NewCollection<(int Src, int Dst)>();
        return GraphHandles.Create(edges, Components(graph));
    }

    /// <summary>The smallest node id of each node's (undirected) component, as <c>(node, label)</c> pairs.</summary>
    public static Collection<(int Node, int Label), TTime, long> Components<TTime>(Collection<(int Src, int Dst), TTime, long> edges)
        where TTime : notnull
    {
        var undirected = edges.Concat(edges.Map(static edge => (edge.Dst, edge.Src)));
        var nodes = GraphCollections.Nodes(edges).Map(static node => (node, node));
        return LabelPropagation.Propagate(undirected, nodes);
    }
}
