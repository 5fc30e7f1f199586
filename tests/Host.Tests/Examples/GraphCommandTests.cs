using AkkaDifferential.Host.Cli;
using AkkaDifferential.Host.Examples;

namespace AkkaDifferential.Host.Tests.Examples;

/// <summary>
/// The bfs, cc and scc commands end to end on small files, the demo, and how bad input is refused: malformed edge
/// and change lines and node ids (with file and line), removals of edges that are not present, conflicting options.
/// </summary>
public sealed class GraphCommandTests : IDisposable
{
    private static readonly string[] Graph = ["# a small graph", "1 2", "2 3", "3 1", "3 4", "4 5", "5 4", "6 6", "0 1"];
    private static readonly string[] Changes = ["- 3 1", "+ 5 0", "", "", "# round 2", "+ 7 8", ""];
    private readonly List<string> files = [];

    [Fact]
    public async Task Bfs_prints_each_rounds_changes_and_the_final_distances()
    {
        var (code, output, log) = await Run(BfsExample.RunAsync, "--edges", File(Graph), "--changes", File(Changes), "--root", "3", "--print-changes", "--buckets", "2");

        Assert.Equal(0, code);
        Assert.Equal(
            [
                "round 1 edge changes: - 3 1, + 5 0", "round 1 output changes:", "  + 0 3", "  - 1 1", "  + 1 4", "  - 2 2", "  + 2 5",
                "round 2 edge changes: + 7 8", "round 2 output changes:",
                "0 3", "1 4", "2 5", "3 0", "4 1", "5 2",
            ],
            output);
        Assert.Equal(3, log.Length);
        Assert.StartsWith("round 0: 8 edges loaded, 5 output changes in ", log[0]);
        Assert.StartsWith("round 1: 2 edge changes, 5 output changes in ", log[1]);
        Assert.StartsWith("round 2: 1 edge changes, 0 output changes in ", log[2]);
    }

    [Fact]
    public async Task Cc_prints_the_smallest_node_of_each_undirected_component()
    {
        var (code, output, _) = await Run(ConnectedComponentsExample.RunAsync, "--edges", File(Graph), "--changes", File(Changes));
        Assert.Equal(0, code);
        Assert.Equal(["0 0", "1 0", "2 0", "3 0", "4 0", "5 0", "6 6", "7 7", "8 7"], output);
    }

    [Fact]
    public async Task Scc_prints_the_smallest_node_of_each_strongly_connected_component()
    {
        // Before the changes {1, 2, 3} and {4, 5} are components; removing 3>1 and adding 5>0 makes 0..5 one cycle.
        var (code, output, _) = await Run(SccExample.RunAsync, "--edges", File(Graph), "--changes", File(Changes), "--buckets", "3");
        Assert.Equal(0, code);
        Assert.Equal(["0 0", "1 0", "2 0", "3 0", "4 0", "5 0", "6 6", "7 7", "8 8"], output);

        var (_, initial, _) = await Run(SccExample.RunAsync, "--edges", File(Graph));
        Assert.Equal(["0 0", "1 1", "2 1", "3 1", "4 4", "5 4", "6 6"], initial);
    }

    [Fact]
    public async Task A_random_graph_runs_its_random_rounds()
    {
        var (code, output, log) = await Run(ConnectedComponentsExample.RunAsync, "--nodes", "50", "--edges-count", "40", "--seed", "3", "--rounds", "2", "--changes-per-round", "3");
        Assert.Equal(0, code);
        Assert.Equal(3, log.Length);
        Assert.StartsWith("round 2: 3 edge changes, ", log[2]);
        var random = new Random(3);
        var edges = RandomGraph.Edges(random, 50, 40);
        var live = new GraphCase(1, edges, RandomGraph.Changes(random, 50, edges, 2, 3)).EdgesAfter(2);
        Assert.Equal(GraphReference.ConnectedComponents(live).Select(r => $"{r.Node} {r.Value}"), output);
    }

    [Fact]
    public async Task The_demo_explains_itself_and_runs_rounds_of_changes()
    {
        var output = new StringWriter();
        Assert.Equal(0, await DemoExample.RunAsync(output));
        var text = output.ToString();
        Assert.Contains("breadth-first search", text);
        Assert.Contains("round 3 output changes:", text);
        Assert.Matches(@"After 3 rounds: \d+ nodes are reachable from node 0", text);
    }

    [Fact]
    public void A_change_file_has_rounds_separated_by_blank_lines()
    {
        var rounds = ChangeFile.Read(File(["", "+ 1 2", "# comment", "- 1 2", "", "", "", "+\t3   4", "- 3 4", "", "+ -5 6"]));
        Assert.Equal(
            [
                [new EdgeChange(1, 2, +1, 2), new EdgeChange(1, 2, -1, 4)],
                [new EdgeChange(3, 4, +1, 8), new EdgeChange(3, 4, -1, 9)],
                [new EdgeChange(-5, 6, +1, 11)],
            ],
            rounds);
    }

    [Fact]
    public async Task A_malformed_edge_line_is_reported_with_its_file_and_line()
    {
        var path = File(["1 2", "3 4 5"]);
        var error = await Assert.ThrowsAsync<CommandLineException>(() => Run(BfsExample.RunAsync, "--edges", path));
        Assert.Contains($"{path}:2", error.Message);
        Assert.Contains("expected 'src dst'", error.Message);
    }

    [Theory]
    [InlineData("+ 1")]
    [InlineData("* 1 2")]
    [InlineData("+1 2")]
    [InlineData("+ 1 2 3")]
    public async Task A_malformed_change_line_is_reported_with_its_file_and_line(string line)
    {
        var path = File(["+ 0 1", "", line]);
        var error = await Assert.ThrowsAsync<CommandLineException>(() => Run(SccExample.RunAsync, "--edges", File(Graph), "--changes", path));
        Assert.Contains($"{path}:3: expected '+ src dst' or '- src dst', found '{line}'", error.Message);
    }

    [Fact]
    public async Task A_node_id_that_is_not_an_integer_or_out_of_range_is_reported_with_its_file_and_line()
    {
        var edges = File(["1 2", "# next", "3 4x"]);
        var error = await Assert.ThrowsAsync<CommandLineException>(() => Run(CcRun, "--edges", edges));
        Assert.Contains($"{edges}:3: '4x' is not a node id", error.Message);

        var changes = File(["+ 1 99999999999"]);
        error = await Assert.ThrowsAsync<CommandLineException>(() => Run(CcRun, "--edges", File(Graph), "--changes", changes));
        Assert.Contains($"{changes}:1: node id '99999999999' is out of range", error.Message);
    }

    [Fact]
    public async Task Removing_an_edge_that_is_not_present_is_refused_naming_the_edge_and_line()
    {
        // 1>2 is present once: inserted again it can be removed twice, but not a third time.
        var changes = File(["+ 1 2", "", "- 1 2", "- 1 2", "", "- 1 2"]);
        var error = await Assert.ThrowsAsync<CommandLineException>(() => Run(BfsExample.RunAsync, "--edges", File(Graph), "--changes", changes));
        Assert.Contains($"{changes}:6: cannot remove edge '1 2': it is not in the graph", error.Message);

        var never = File(["- 2 1"]);
        error = await Assert.ThrowsAsync<CommandLineException>(() => Run(BfsExample.RunAsync, "--edges", File(Graph), "--changes", never));
        Assert.Contains($"{never}:1: cannot remove edge '2 1'", error.Message);

        error = Assert.Throws<CommandLineException>(() => new GraphInput([(1, 2)], [[new EdgeChange(1, 2, -1)], [new EdgeChange(1, 2, -1)]]));
        Assert.Contains("round 2: cannot remove edge '1 2'", error.Message);
    }

    [Fact]
    public async Task Removing_every_copy_of_a_repeated_edge_is_allowed()
    {
        var (code, output, _) = await Run(BfsExample.RunAsync, "--edges", File(["0 1", "0 1", "1 2"]), "--changes", File(["- 0 1", "", "- 0 1"]));
        Assert.Equal(0, code);
        Assert.Equal(["0 0"], output);
    }

    [Theory]
    [InlineData("--nodez", "3")]
    [InlineData("--edges", "x", "--nodes", "3")]
    [InlineData("--changes", "x", "--rounds", "3")]
    [InlineData("--rounds", "-1")]
    [InlineData("--buckets", "0")]
    public void Bad_options_are_refused(params string[] args) =>
        Assert.Throws<CommandLineException>(() => BfsExample.Parse(args));

    public void Dispose()
    {
        foreach (var file in files)
            System.IO.File.Delete(file);
    }

    [Fact]
    public async Task Graph_writes_the_operator_graph_with_its_counts_as_dot_or_mermaid()
    {
        var dot = File([]);
        var (code, _, _) = await Run(BfsExample.RunAsync, "--edges", File(Graph), "--changes", File(Changes), "--graph", dot);
        Assert.Equal(0, code);
        var text = System.IO.File.ReadAllText(dot);
        Assert.StartsWith("digraph \"bfs\" {", text);
        Assert.Contains("Input#0", text);
        Assert.Contains("Min#", text);
        Assert.Contains("trace: ", text);
        Assert.Contains(" -> ", text);

        var mermaid = Path.ChangeExtension(File([]), ".mmd");
        files.Add(mermaid);
        (code, _, _) = await Run(CcRun, "--edges", File(Graph), "--graph", mermaid);
        Assert.Equal(0, code);
        Assert.StartsWith("flowchart TD", System.IO.File.ReadAllText(mermaid));
    }

    [Fact]
    public async Task A_graph_file_that_cannot_be_written_is_refused_before_the_computation()
    {
        var nowhere = Path.Combine(Path.GetTempPath(), $"no-such-directory-{Guid.NewGuid():N}", "graph.dot");
        var error = await Assert.ThrowsAsync<CommandLineException>(() => Run(CcRun, "--edges", File(Graph), "--graph", nowhere));
        Assert.StartsWith($"--graph {nowhere}: cannot write the graph: ", error.Message);
    }

    private static Task<int> CcRun(IReadOnlyList<string> args, TextWriter output, TextWriter log) => ConnectedComponentsExample.RunAsync(args, output, log);

    private static async Task<(int Code, string[] Output, string[] Log)> Run(Func<IReadOnlyList<string>, TextWriter, TextWriter, Task<int>> command, params string[] args)
    {
        var (output, log) = (new StringWriter(), new StringWriter());
        var code = await command(args, output, log);
        return (code, Lines(output), Lines(log));
    }

    private static string[] Lines(StringWriter writer) =>
        writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    private string File(string[] lines)
    {
        var path = Path.GetTempFileName();
        System.IO.File.WriteAllLines(path, lines);
        files.Add(path);
        return path;
    }
}
