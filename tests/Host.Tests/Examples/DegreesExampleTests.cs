using AkkaDifferential.Host.Cli;
using AkkaDifferential.Host.Examples;

namespace AkkaDifferential.Host.Tests.Examples;

/// <summary>The degrees example's output, for fixed inputs, against the same distribution computed with LINQ.</summary>
public sealed class DegreesExampleTests
{
    [Fact]
    public async Task Random_rounds_end_in_the_distribution_linq_computes_for_the_same_seed()
    {
        var options = new DegreesExample.Options(Nodes: 50, InitialEdges: 200, EdgesPerRound: 15, Rounds: 4, Buckets: 3, Seed: 42, EdgeFile: null);
        var output = new StringWriter();
        var result = await DegreesExample.RunAsync(options, output, TextWriter.Null);

        // The same edges, drawn from the same generator in the same order, with the oldest removed as new ones come.
        var random = new Random(options.Seed);
        var live = new Queue<(int, int)>();
        for (var i = 0; i < options.InitialEdges; i++) live.Enqueue((random.Next(options.Nodes), random.Next(options.Nodes)));
        for (var round = 0; round < options.Rounds; round++)
            for (var i = 0; i < options.EdgesPerRound; i++)
            {
                live.Enqueue((random.Next(options.Nodes), random.Next(options.Nodes)));
                if (live.Count > options.InitialEdges) live.Dequeue();
            }
        Assert.Equal(Distribution(live), result.OrderBy(kv => kv.Key).ToDictionary());
        Assert.Contains("round 4:", output.ToString());
    }

    [Fact]
    public async Task An_edge_file_prints_degree_count_lines_sorted_by_degree()
    {
        var path = Path.GetTempFileName();
        var edges = new[] { (1, 2), (1, 3), (2, 3), (3, 1), (1, 4), (5, 1), (5, 2) };
        await File.WriteAllLinesAsync(path, ["# a small graph", .. edges.Select(e => $"{e.Item1}\t{e.Item2}"), ""]);
        var output = new StringWriter();
        var code = await DegreesExample.RunAsync(["--edges", path, "--buckets", "2"], output, TextWriter.Null);

        Assert.Equal(0, code);
        var expected = Distribution(edges).OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} {kv.Value}");
        Assert.Equal(expected, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
        File.Delete(path);
    }

    [Fact]
    public async Task A_malformed_edge_line_is_reported_with_its_line_number()
    {
        var path = Path.GetTempFileName();
        await File.WriteAllLinesAsync(path, ["1 2", "3 x"]);
        var error = await Assert.ThrowsAsync<CommandLineException>(() => DegreesExample.RunAsync(["--edges", path], TextWriter.Null, TextWriter.Null));
        Assert.Contains($"{path}:2", error.Message);
        Assert.Contains("'x' is not a node id", error.Message);
        File.Delete(path);
    }

    [Fact]
    public void An_unknown_option_is_refused() =>
        Assert.Contains("--nodez", Assert.Throws<CommandLineException>(() => DegreesExample.Parse(["--nodez", "3"])).Message);

    private static Dictionary<long, long> Distribution(IEnumerable<(int Src, int Dst)> edges) =>
        edges.GroupBy(e => e.Src).GroupBy(g => (long)g.Count()).ToDictionary(g => g.Key, g => (long)g.Count());
}
