using AkkaDifferential.Host.Cli;

namespace AkkaDifferential.Host.Soak;

/// <summary>The options of the <c>soak</c> command: which dataflow, how large its window, how many rounds.</summary>
/// <param name="Example">The dataflow: <c>degrees</c>, <c>bfs</c> or <c>cc</c>.</param>
/// <param name="Nodes">Nodes of the random graph the edges are drawn from.</param>
/// <param name="Window">Edges alive at a time: the first round loads this many, later rounds keep it.</param>
/// <param name="EdgesPerRound">Edges each round inserts; as many of the oldest are removed.</param>
/// <param name="Rounds">Rounds after the first load.</param>
/// <param name="SampleEvery">Rounds between two samples of memory and arrangement sizes.</param>
/// <param name="Buckets">Buckets (workers).</param>
/// <param name="Seed">Seed of the random edges.</param>
/// <param name="Json">Print one JSON line of the samples instead of a table.</param>
internal sealed record SoakOptions(string Example, int Nodes, int Window, int EdgesPerRound, int Rounds, int SampleEvery, int Buckets, int Seed, bool Json)
{
    /// <summary>The help text of the command.</summary>
    public const string Help = """
              soak [options]                  a sliding window over a random graph for many rounds: each round
                                              inserts new edges and removes the oldest; samples process memory
                                              and arrangement sizes, which compaction keeps flat
                  --example E                 degrees, bfs or cc (cc)
                  --nodes N                   nodes of the random graph (2000)
                  --window W                  edges alive at a time (5000)
                  --edges-per-round B         edges inserted, and oldest removed, per round (100)
                  --rounds R                  rounds after the first load (1000)
                  --sample-every K            rounds between samples (50)
                  --buckets W                 buckets (workers) (2)
                  --seed S                    random seed (1)
                  --json                      one JSON line of the samples and their growth
        """;

    /// <summary>Reads the options.</summary>
    /// <exception cref="CommandLineException">An option is unknown or malformed.</exception>
    public static SoakOptions Parse(IReadOnlyList<string> args)
    {
        var line = new CommandLine(args);
        var example = line.String("example", "degrees, bfs or cc") ?? "cc";
        if (example is not ("degrees" or "bfs" or "cc"))
            throw new CommandLineException($"--example {example}: the soak examples are degrees, bfs and cc");
        var options = new SoakOptions(
            example,
            line.Int("nodes", 2_000, minimum: 2),
            line.Int("window", 5_000, minimum: 1),
            line.Int("edges-per-round", 100, minimum: 1),
            line.Int("rounds", 1_000, minimum: 1),
            line.Int("sample-every", 50, minimum: 1),
            line.Int("buckets", 2, minimum: 1),
            line.Int("seed", 1),
            line.Flag("json"));
        line.RejectUnknown();
        if (options.EdgesPerRound > options.Window)
            throw new CommandLineException($"--edges-per-round {options.EdgesPerRound} is more than the window ({options.Window}): a round cannot remove edges it has not inserted");
        return options;
    }
}
