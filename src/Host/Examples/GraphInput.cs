using AkkaDifferential.Host.Cli;

namespace AkkaDifferential.Host.Examples;

/// <summary>
/// The input of a graph computation: the initial edges (a multiset: an edge may appear more than once) and the
/// rounds of changes that follow, one round per logical time. The changes are checked when the input is made:
/// every removal must find a copy of its edge present at that point, so that no edge ever has a negative
/// multiplicity (which has no meaning for a graph). A wrong removal is refused with the edge and where it was read.
/// </summary>
internal sealed class GraphInput
{
    /// <param name="edges">The edges at time 0.</param>
    /// <param name="rounds">The changes of times 1, 2, ….</param>
    /// <param name="changeFile">The file the changes were read from, for error messages; null when generated.</param>
    /// <exception cref="CommandLineException">A change removes an edge that is not present.</exception>
    public GraphInput(IReadOnlyList<(int Src, int Dst)> edges, IReadOnlyList<IReadOnlyList<EdgeChange>> rounds, string? changeFile = null)
    {
        Edges = edges;
        Rounds = rounds;
        Validate(changeFile);
    }

    /// <summary>The edges at time 0.</summary>
    public IReadOnlyList<(int Src, int Dst)> Edges { get; }

    /// <summary>The changes of each later round: <c>Rounds[r - 1]</c> happens at time <c>r</c>.</summary>
    public IReadOnlyList<IReadOnlyList<EdgeChange>> Rounds { get; }

    /// <summary>The input the options describe: edge and change files, or a random graph with random changes.</summary>
    /// <exception cref="CommandLineException">A file cannot be read or is malformed, or a change removes an edge that is not present.</exception>
    public static GraphInput Load(GraphOptions options)
    {
        var random = new Random(options.Seed);
        var edges = options.EdgeFile is not null ? EdgeFile.Read(options.EdgeFile) : RandomGraph.Edges(random, options.Nodes, options.EdgeCount);
        if (options.ChangeFile is not null)
            return new GraphInput(edges, ChangeFile.Read(options.ChangeFile), options.ChangeFile);
        return new GraphInput(edges, RandomGraph.Changes(random, options.Nodes, edges, options.Rounds, options.ChangesPerRound));
    }

    private void Validate(string? changeFile)
    {
        var live = Multiset(Edges);
        for (var r = 0; r < Rounds.Count; r++)
            foreach (var change in Rounds[r])
            {
                var count = live.GetValueOrDefault(change.Edge) + change.Diff;
                if (count < 0)
                {
                    var where = changeFile is not null && change.Line > 0 ? $"{changeFile}:{change.Line}" : $"round {r + 1}";
                    throw new CommandLineException(
                        $"{where}: cannot remove edge '{change.Src} {change.Dst}': it is not in the graph at that point (a removal must match an edge inserted before)");
                }
                live[change.Edge] = count;
            }
    }

    private static Dictionary<(int Src, int Dst), int> Multiset(IEnumerable<(int Src, int Dst)> edges)
    {
        var counts = new Dictionary<(int, int), int>();
        foreach (var edge in edges)
            counts[edge] = counts.GetValueOrDefault(edge) + 1;
        return counts;
    }
}
