namespace AkkaDifferential.Host.Examples;

/// <summary>
/// What <c>dotnet run --project src/Host</c> shows without arguments: breadth-first search on a random graph, then
/// a few rounds of random edge changes, each printed with the distances it changed and how long it took.
/// </summary>
internal static class DemoExample
{
    public static async Task<int> RunAsync(TextWriter output)
    {
        var options = new BfsExample.Options(new GraphOptions(Nodes: 1_000, EdgeCount: 2_000, Seed: 1, Rounds: 3, ChangesPerRound: 4, PrintChanges: true), Root: 0);
        output.WriteLine($"""
            AkkaDifferential demo: breadth-first search on a changing graph (the 'bfs' command).

            A random directed graph of {options.Graph.Nodes:N0} nodes and {options.Graph.EdgeCount:N0} edges (seed {options.Graph.Seed}); the dataflow
            computes the hop distance from node {options.Root} to every node it reaches, with Iterate, JoinMap and Reduce(min),
            on {options.Graph.Buckets} buckets. Round 0 computes everything; then each of {options.Graph.Rounds} rounds removes two random edges
            and inserts two. For each round: its edge changes, the distances that changed ('- node old', '+ node new'),
            and its latency. Only changes flow through the dataflow, so a round is much less work than round 0.

            """);
        var input = GraphInput.Load(options.Graph);
        var result = await BfsExample.RunAsync(options, input, output, output);
        var farthest = result.MaxBy(r => r.Value);
        output.WriteLine($"""

            After {options.Graph.Rounds} rounds: {result.Count} nodes are reachable from node {options.Root}; the farthest, node {farthest.Node}, at distance {farthest.Value}.
            More: bfs, cc, scc, degrees, words — 'dotnet run --project src/Host -- help'.
            """);
        return 0;
    }
}
