namespace AkkaDifferential.Host.Examples;

/// <summary>
/// The example dataflows as definitions by name, which every cluster member registers at start-up (the
/// <c>node</c> command) and a driver deploys by name (<c>--cluster</c>): <c>degrees</c> (the degree distribution as
/// <c>(degree, nodes)</c> pairs), <c>bfs</c> (its argument is the root), <c>cc</c>, <c>scc</c> and <c>words</c>.
/// </summary>
internal static class ExampleDefinitions
{
    /// <summary>Registers the examples on <paramref name="engine"/>.</summary>
    public static Definitions Register(DifferentialEngine engine) => new(
        engine.Register<long, int, GraphHandles>("degrees", static (scope, _) => Degrees(scope)),
        engine.Register<long, int, GraphHandles>("bfs", BfsExample.Build),
        engine.Register<long, int, GraphHandles>("cc", static (scope, _) => ConnectedComponentsExample.Build(scope)),
        engine.Register<long, int, GraphHandles>("scc", static (scope, _) => SccExample.Build(scope)),
        engine.Register<long, int, WordsExample.Handles>("words", static (scope, _) => WordsExample.Build(scope)));

    /// <summary>The degree distribution of the edges, as <c>(degree, nodes)</c> pairs, for <see cref="GraphRounds"/>.</summary>
    public static GraphHandles Degrees(Scope<long> scope)
    {
        var (edges, graph) = scope.NewCollection<(int Src, int Dst)>();
        return GraphHandles.Create(edges, DegreesExample.Distribution(graph).Map(static d => ((int)d.Degree, (int)d.Nodes)));
    }

    /// <summary>The registered definitions; each takes an <c>int</c> argument (the root for bfs, unused otherwise).</summary>
    public sealed record Definitions(
        DataflowDefinition<long, int, GraphHandles> Degrees,
        DataflowDefinition<long, int, GraphHandles> Bfs,
        DataflowDefinition<long, int, GraphHandles> Cc,
        DataflowDefinition<long, int, GraphHandles> Scc,
        DataflowDefinition<long, int, WordsExample.Handles> Words)
    {
        /// <summary>The graph definition named <paramref name="name"/>.</summary>
        public DataflowDefinition<long, int, GraphHandles> this[string name] => name switch
        {
            "degrees" => Degrees,
            "bfs" => Bfs,
            "cc" => Cc,
            "scc" => Scc,
            _ => throw new ArgumentException($"No graph example definition is named '{name}'.", nameof(name)),
        };
    }
}
