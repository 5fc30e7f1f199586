namespace AkkaDifferential.Host.Examples;

/// <summary>
/// The example dataflows as definitions by name, which every cluster member registers at start-up (the
/// <c>node</c> command) and a driver deploys by name (<c>--cluster</c>): <c>degrees</c> (the degree distribution as
/// <c>(degree, nodes)</c> pairs), <c>bfs</c> (its argument is the root) and <c>cc</c>.
/// </summary>
internal static class ExampleDefinitions
{
    /// <summary>Registers the graph examples on <paramref name="engine"/>.</summary>
    public static Definitions Register(DifferentialEngine engine) => new(
        engine.Register<long, int, GraphHandles>("degrees", static (scope, _) => Degrees(scope)),
        engine.Register<long, int, GraphHandles>("bfs", BfsExample.Build),
        engine.Register<long, int, GraphHandles>("cc", static (scope, _) => ConnectedComponentsExample.Build(scope)));

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
        DataflowDefinition<long, int, GraphHandles> Cc)
    {
        /// <summary>The definition named <paramref name="name"/>.</summary>
        public DataflowDefinition<long, int, GraphHandles> this[string name] => name switch
        {
            "degrees" => Degrees,
            "bfs" => Bfs,
            "cc" => Cc,
            _ => throw new ArgumentException($"No example definition is named '{name}'.", nameof(name)),
        };
    }
}
