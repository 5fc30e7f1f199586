using AkkaDifferential.Host.Cli;

namespace AkkaDifferential.Host.Examples;

/// <summary>
/// Breadth-first search (differential dataflow's <c>bfs</c>): the hop distance from a root to every node it reaches
/// along directed edges, maintained as the graph changes. Distances start as <c>{(root, 0)}</c> and, until nothing
/// changes, become the minimum of the root's 0 and one more than the distance of each node's predecessors.
/// </summary>
internal static class BfsExample
{
    public sealed record Options(GraphOptions Graph, int Root);

    public static Options Parse(IReadOnlyList<string> args)
    {
        var line = new CommandLine(args);
        var options = new Options(GraphOptions.Parse(line), line.Int("root", 0));
        line.RejectUnknown();
        return options;
    }

    /// <summary>Runs the command: logs each round, then prints <c>node distance</c> for every reachable node.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter log)
    {
        var options = Parse(args);
        GraphRounds.Print(await RunAsync(options, GraphInput.Load(options.Graph), output, log), output);
        return 0;
    }

    /// <summary>Runs the rounds of <paramref name="input"/> and returns the final distances, sorted by node.</summary>
    public static Task<IReadOnlyList<(int Node, int Value)>> RunAsync(Options options, GraphInput input, TextWriter output, TextWriter log, Action<RoundReport>? observe = null) =>
        GraphRounds.RunAsync("bfs", input, options.Graph, scope => Build(scope, options.Root), output, log, observe, argument: options.Root);

    /// <summary>The dataflow: an input of edges, the root fed once at time 0, and the distances.</summary>
    public static GraphHandles Build(Scope<long> scope, int root)
    {
        var (edges, graph) = scope.NewCollection<(int Src, int Dst)>();
        var (roots, rootCollection) = scope.NewCollection<int>();
        return GraphHandles.Create(edges, Distances(graph, rootCollection), start: () =>
        {
            roots.Insert(root);
            roots.Close();
        });
    }

    /// <summary>The distance from the nearest of <paramref name="roots"/> to every node reachable from them.</summary>
    public static Collection<(int Node, int Value), TTime, long> Distances<TTime>(Collection<(int Src, int Dst), TTime, long> edges, Collection<int, TTime, long> roots)
        where TTime : notnull
    {
        var start = roots.Map(static root => (Node: root, Distance: 0));
        return start.Iterate(distances => distances
            .JoinMap(edges.Enter(distances.Scope), static (_, distance, dst) => (dst, distance + 1))
            .Concat(start.Enter(distances.Scope))
            .Min());
    }
}
