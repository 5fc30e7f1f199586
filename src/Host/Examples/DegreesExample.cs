using System.Diagnostics;
using AkkaDifferential.Host.Cli;
using AkkaDifferential.Host.Cluster;

namespace AkkaDifferential.Host.Examples;

/// <summary>
/// The degree distribution of a changing graph (differential dataflow's first example): the out-degree of every
/// node (<c>edges.Map(src).Count()</c>), then how many nodes have each degree. Each round inserts new random edges
/// and removes the oldest ones; only the changes of the distribution are printed. With <c>--edges FILE</c> it
/// loads a graph once and prints the distribution as <c>degree count</c> lines. With <c>--cluster H:P</c> it runs on a
/// running cluster, deployed by name (the <c>degrees</c> definition of <see cref="ExampleDefinitions"/>).
/// </summary>
internal static class DegreesExample
{
    public sealed record Options(int Nodes, int InitialEdges, int EdgesPerRound, int Rounds, int Buckets, int Seed, string? EdgeFile, string? Cluster = null);

    /// <exception cref="CommandLineException">An option is unknown or malformed, or options that exclude each other are combined.</exception>
    public static Options Parse(IReadOnlyList<string> args)
    {
        var line = new CommandLine(args);
        line.Exclude("edges", "an edge file is loaded once, without random rounds", "nodes", "edges-count", "edges-per-round", "rounds", "seed");
        var nodes = line.Int("nodes", 1_000, minimum: 1);
        var options = new Options(nodes, line.Int("edges-count", GraphOptions.DefaultEdges(perNode: 5, nodes), minimum: 0), line.Int("edges-per-round", 10, minimum: 0),
            line.Int("rounds", 5, minimum: 0), line.Int("buckets", 4, minimum: 1), line.Int("seed", 1), line.String("edges", "a file of 'src dst' lines"),
            line.String("cluster", "a cluster member's host:port"));
        line.RejectUnknown();
        return options;
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter log)
    {
        var options = Parse(args);
        var distribution = await RunAsync(options, output, log);
        if (options.EdgeFile is not null)
            foreach (var (degree, count) in distribution.OrderBy(kv => kv.Key))
                output.WriteLine($"{degree} {count}");
        return 0;
    }

    /// <summary>Runs the example and returns the final distribution, degree → number of nodes.</summary>
    public static async Task<IReadOnlyDictionary<long, long>> RunAsync(Options options, TextWriter output, TextWriter log)
    {
        var random = new Random(options.Seed);
        var loaded = options.EdgeFile is not null ? EdgeFile.Read(options.EdgeFile) : RandomEdges(random, options.Nodes, options.InitialEdges);
        if (options.Cluster is { } member)
            return await ClusterDriver.RunAsync(member, log, async (engine, definitions) =>
            {
                await using var dataflow = await engine.DeployAsync(definitions.Examples.Degrees, 0, options.Buckets);
                return await RunAsync(dataflow, options, random, loaded, output, log);
            });
        await using var embedded = DifferentialEngine.Create();
        await using var built = await embedded.BuildAsync<long, GraphHandles>(ExampleDefinitions.Degrees, options.Buckets, "degrees");
        return await RunAsync(built, options, random, loaded, output, log);
    }

    private static async Task<IReadOnlyDictionary<long, long>> RunAsync(
        Dataflow<GraphHandles> dataflow, Options options, Random random, List<(int, int)> loaded, TextWriter output, TextWriter log)
    {
        var (edges, changes, probe, _) = dataflow.Handles;
        var clock = Stopwatch.StartNew();
        foreach (var edge in loaded)
            edges.Insert(edge);
        edges.AdvanceTo(1);
        await probe.WhenPassed(0);
        log.WriteLine($"loaded {loaded.Count} edges in {clock.Elapsed.TotalMilliseconds:F1} ms");

        if (options.EdgeFile is null)
        {
            var live = new Queue<(int, int)>(loaded);
            for (var round = 1; round <= options.Rounds; round++)
            {
                clock.Restart();
                foreach (var edge in RandomEdges(random, options.Nodes, options.EdgesPerRound))
                {
                    edges.Insert(edge);
                    live.Enqueue(edge);
                    if (live.Count > options.InitialEdges && live.TryDequeue(out var oldest))
                        edges.Remove(oldest);
                }
                edges.AdvanceTo(round + 1);
                await probe.WhenPassed(round);
                var elapsed = clock.Elapsed;
                await changes.WhenPassed(round);
                var roundChanges = changes.Updates.Where(u => u.Time == round).OrderBy(u => u.Data.Node).ThenBy(u => u.Diff).ToList();
                output.WriteLine($"round {round}: {roundChanges.Count} changes in {elapsed.TotalMilliseconds:F2} ms");
                foreach (var update in roundChanges)
                    output.WriteLine($"  degree {update.Data.Node}: {update.Data.Value} nodes {update.Diff:+0;-0}");
            }
        }
        var final = await changes.CollectionAt(options.EdgeFile is null ? options.Rounds : 0);
        edges.Close();
        return final.Keys.ToDictionary(static k => (long)k.Node, static k => (long)k.Value);
    }

    /// <summary>Upstream's <c>hello</c>: <c>edges.Map(src).Count().Map(count).Count()</c>, the number of nodes of each out-degree.</summary>
    public static Collection<(long Degree, long Nodes), long, long> Distribution(Collection<(int Src, int Dst), long, long> edges) =>
        OutDegrees(edges).Map(static pair => pair.Degree).Count();

    /// <summary>The out-degree of every node with an edge: <c>edges.Map(src).Count()</c>.</summary>
    public static Collection<(int Node, long Degree), long, long> OutDegrees(Collection<(int Src, int Dst), long, long> edges) =>
        edges.Map(static edge => edge.Src).Count();

    private static List<(int, int)> RandomEdges(Random random, int nodes, int count)
    {
        var result = new List<(int, int)>(count);
        for (var i = 0; i < count; i++)
            result.Add((random.Next(nodes), random.Next(nodes)));
        return result;
    }
}
