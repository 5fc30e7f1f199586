using AkkaDifferential.Host.Cli;

namespace AkkaDifferential.Host.Examples;

/// <summary>
/// The options the graph commands (<c>bfs</c>, <c>cc</c>, <c>scc</c>) share: where the graph and its changes come
/// from, how many buckets run the dataflow, and whether each round's output changes are printed.
/// </summary>
/// <param name="EdgeFile">A file of <c>src dst</c> lines, or null for a random graph.</param>
/// <param name="Nodes">Nodes of the random graph.</param>
/// <param name="EdgeCount">Edges of the random graph.</param>
/// <param name="Seed">Seed of the random graph and of random changes.</param>
/// <param name="ChangeFile">A file of change rounds (see <see cref="Examples.ChangeFile"/>), or null.</param>
/// <param name="Rounds">Rounds of random changes, when there is no change file (random graphs only).</param>
/// <param name="ChangesPerRound">Changes per random round.</param>
/// <param name="Buckets">Buckets (workers) of the dataflow.</param>
/// <param name="PrintChanges">Print each round's input and output changes to the output.</param>
/// <param name="GraphFile">A file to write the dataflow's operator graph with its counts to after the last round (Mermaid for <c>.mmd</c>, else Graphviz DOT), or null.</param>
/// <param name="ProgressSeconds">While a round runs, log its progress every this many seconds; 0 for never.</param>
/// <param name="Cluster">A running cluster member (<c>host:port</c>) to deploy the dataflow on by name, or null for the embedded engine.</param>
internal sealed record GraphOptions(
    string? EdgeFile = null,
    int Nodes = 1_000,
    int EdgeCount = 2_000,
    int Seed = 1,
    string? ChangeFile = null,
    int Rounds = 0,
    int ChangesPerRound = 4,
    int Buckets = 4,
    bool PrintChanges = false,
    string? GraphFile = null,
    int ProgressSeconds = 2,
    string? Cluster = null)
{
    /// <summary>The help text of these options, for the command line's usage.</summary>
    public const string Help = """
              --edges FILE           load 'src dst' lines from FILE (else a random graph:)
              --nodes N              nodes of the random graph (1000)
              --edges-count M        edges of the random graph (2 x nodes)
              --seed S               random seed (1)
              --changes FILE         rounds of '+ src dst' / '- src dst' lines, separated by blank lines, applied
                                     one round per logical time after the first computation; removing an edge
                                     that is not in the graph at that point is refused with an error naming it
              --rounds R             rounds of random changes instead (random graphs only) (0)
              --changes-per-round K  random changes per round: removals and insertions alternate (4)
              --buckets W            buckets (workers) (4)
              --print-changes        print each change round's edge changes and output changes to stdout
              --graph FILE           after the last round, write the operator graph with its counts to FILE:
                                     Mermaid if FILE ends in .mmd, else Graphviz DOT (dot -Tsvg FILE)
              --progress S           while a round runs, log its records processed so far and the operator
                                     furthest behind every S seconds (2; 0 = never)
              --cluster H:P          run on the cluster whose member listens at H:P (see 'node') instead of the
                                     embedded engine: this process joins as a driver and deploys by name
        """;

    /// <summary>Reads a command line of these options only.</summary>
    /// <exception cref="CommandLineException">An option is unknown or malformed, or options that exclude each other are combined.</exception>
    public static GraphOptions Parse(IReadOnlyList<string> args)
    {
        var line = new CommandLine(args);
        var options = Parse(line);
        line.RejectUnknown();
        return options;
    }

    /// <summary>Reads the shared options from <paramref name="line"/>; the caller reads its own and rejects unknown ones.</summary>
    /// <exception cref="CommandLineException">An option is malformed, or options that exclude each other are combined.</exception>
    public static GraphOptions Parse(CommandLine line)
    {
        line.Exclude("edges", "they describe a random graph", "nodes", "edges-count", "seed");
        const string randomChanges = "they make random changes of a random graph (give the changes as --changes FILE)";
        line.Exclude("edges", randomChanges, "rounds", "changes-per-round");
        line.Exclude("changes", randomChanges, "rounds", "changes-per-round");
        var nodes = line.Int("nodes", 1_000, minimum: 1);
        return new GraphOptions(
            line.String("edges", "a file of 'src dst' lines"),
            nodes,
            line.Int("edges-count", DefaultEdges(perNode: 2, nodes), minimum: 0),
            line.Int("seed", 1),
            line.String("changes", "a file of '+ src dst' and '- src dst' lines"),
            line.Int("rounds", 0, minimum: 0),
            line.Int("changes-per-round", 4, minimum: 1),
            line.Int("buckets", 4, minimum: 1),
            line.Flag("print-changes"),
            line.String("graph", "a file to write the operator graph to"),
            line.Int("progress", 2, minimum: 0),
            line.String("cluster", "a cluster member's host:port"));
    }

    /// <summary>The default edge count of a random graph, <paramref name="perNode"/> × <paramref name="nodes"/>, at most <see cref="int.MaxValue"/>.</summary>
    public static int DefaultEdges(int perNode, int nodes) => (int)Math.Min((long)perNode * nodes, int.MaxValue);
}
