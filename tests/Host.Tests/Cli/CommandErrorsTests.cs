using AkkaDifferential.Host.Benchmarks;
using AkkaDifferential.Host.Cli;

namespace AkkaDifferential.Host.Tests.Cli;

/// <summary>
/// Every command given bad input the way a new user gives it — a missing file, a directory, an empty file, bad
/// and out-of-range numbers, unknown, repeated, conflicting or value-less options — answers with one line on the
/// error output, <c>error: FILE:LINE: what</c> or <c>error: what</c>, exit code 2, nothing on the output and no
/// stack trace. The command line runs in-process, as <c>Program</c> runs it.
/// </summary>
public sealed class CommandErrorsTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("cli-errors-");

    public static TheoryData<string, string> BadInput() => new()
    {
        // Files: missing, a directory, empty, only comments, out-of-range and malformed node ids, a malformed line.
        { "bfs --edges {dir}/missing.txt", "{dir}/missing.txt: no such file" },
        { "bfs --edges {dir}", "{dir}: is a directory, not a file" },
        { "cc --edges {dir}/empty.txt", "{dir}/empty.txt: no edges (expected lines of 'src dst')" },
        { "scc --edges {dir}/comments.txt", "{dir}/comments.txt: no edges (expected lines of 'src dst')" },
        { "cc --edges {dir}/big.txt", "{dir}/big.txt:2: node id '99999999999' is out of range (node ids are from -2147483648 to 2147483647)" },
        { "bfs --edges {dir}/letters.txt", "{dir}/letters.txt:1: 'a' is not a node id (a whole number)" },
        { "bfs --edges {dir}/three.txt", "{dir}/three.txt:1: expected 'src dst', found '1 2 3'" },
        { "scc --edges {dir}/graph.txt --changes {dir}", "{dir}: is a directory, not a file" },
        { "scc --edges {dir}/graph.txt --changes {dir}/missing.txt", "{dir}/missing.txt: no such file" },
        { "cc --edges {dir}/graph.txt --changes {dir}/empty.txt", "{dir}/empty.txt: no changes (expected rounds of '+ src dst' and '- src dst' lines, separated by blank lines)" },
        { "cc --edges {dir}/graph.txt --changes {dir}/big-change.txt", "{dir}/big-change.txt:1: node id '-99999999999' is out of range (node ids are from -2147483648 to 2147483647)" },
        { "bfs --edges {dir}/graph.txt --changes {dir}/absent.txt", "{dir}/absent.txt:1: cannot remove edge '2 1': it is not in the graph at that point (a removal must match an edge inserted before)" },
        { "degrees --edges {dir}", "{dir}: is a directory, not a file" },
        { "degrees --edges {dir}/empty.txt", "{dir}/empty.txt: no edges (expected lines of 'src dst')" },
        { "degrees --edges {dir}/big.txt", "{dir}/big.txt:2: node id '99999999999' is out of range (node ids are from -2147483648 to 2147483647)" },

        // Numbers: not numbers, zero, negative, beyond the integer range.
        { "words --buckets 0", "--buckets must be a whole number ≥ 1, but is '0'" },
        { "words --buckets x", "--buckets must be a whole number ≥ 1, but is 'x'" },
        { "words --buckets 99999999999", "--buckets must be a whole number ≥ 1, but is '99999999999', more than 2147483647" },
        { "bfs --root 99999999999", "--root must be a whole number, but is '99999999999', more than 2147483647" },
        { "bfs --root -99999999999", "--root must be a whole number, but is '-99999999999', less than -2147483648" },
        { "bfs --root 1.5", "--root must be a whole number, but is '1.5'" },
        { "cc --nodes 0", "--nodes must be a whole number ≥ 1, but is '0'" },
        { "cc --nodes -5", "--nodes must be a whole number ≥ 1, but is '-5'" },
        { "cc --edges-count -1", "--edges-count must be a whole number ≥ 0, but is '-1'" },
        { "scc --rounds -1", "--rounds must be a whole number ≥ 0, but is '-1'" },
        { "scc --changes-per-round 0", "--changes-per-round must be a whole number ≥ 1, but is '0'" },
        { "bfs --buckets 0", "--buckets must be a whole number ≥ 1, but is '0'" },
        { "bfs --seed x", "--seed must be a whole number, but is 'x'" },
        { "degrees --edges-per-round -1", "--edges-per-round must be a whole number ≥ 0, but is '-1'" },
        { "degrees --buckets 0", "--buckets must be a whole number ≥ 1, but is '0'" },
        { "bench hello --nodes 0", "--nodes must be a whole number ≥ 1, but is '0'" },
        { "bench hello --edges-count 0", "--edges-count must be a whole number ≥ 1, but is '0'" },
        { "bench bfs --rounds 0", "--rounds must be a whole number ≥ 1, but is '0'" },
        { "bench degrees --batch 0", "--batch must be a whole number ≥ 1, but is '0'" },
        { "bench hello --linq-rounds -1", "--linq-rounds must be a whole number ≥ 0, but is '-1'" },
        { "bench all --buckets 0", "--buckets must be a whole number ≥ 1, but is '0'" },

        // Counts too large to hold.
        { "cc --nodes 10 --edges-count 2147483647", "out of memory (Array dimensions exceeded supported range.): the graph or the rounds asked for do not fit on this machine" },

        // Options: unknown (with the closest known one), missing values, repeated, switches with values, conflicts.
        { "words --bukets 3", "unknown option --bukets: did you mean --buckets?" },
        { "words extra", "unexpected argument 'extra' (options start with '--')" },
        { "words --buckets", "--buckets needs a value: a whole number ≥ 1" },
        { "bfs --root", "--root needs a value: a whole number" },
        { "bfs --edges", "--edges needs a value: a file of 'src dst' lines" },
        { "bfs --edges --root 1", "--edges needs a value: a file of 'src dst' lines" },
        { "scc --changes", "--changes needs a value: a file of '+ src dst' and '- src dst' lines" },
        { "cc --nodez 3", "unknown option --nodez: did you mean --nodes?" },
        { "cc --colour red", "unknown option --colour" },
        { "bfs -r 3", "unknown option '-r' (options start with '--')" },
        { "bfs --", "unexpected argument '--' (options start with '--')" },
        { "bfs --buckets 3 --buckets 4", "--buckets is given twice" },
        { "bfs --print-changes yes", "--print-changes takes no value, but is followed by 'yes'" },
        { "bfs --edges {dir}/graph.txt --nodes 3", "--nodes cannot be combined with --edges: they describe a random graph" },
        { "cc --changes {dir}/changes.txt --rounds 3", "--rounds cannot be combined with --changes: they make random changes of a random graph (give the changes as --changes FILE)" },
        { "degrees --edges {dir}/graph.txt --rounds 3 --seed 2", "--rounds, --seed cannot be combined with --edges: an edge file is loaded once, without random rounds" },
        { "bench", "bench needs a workload: hello, degrees, bfs or all" },
        { "bench --nodes 5", "bench needs a workload: hello, degrees, bfs or all" },
        { "bench helo", "unknown workload 'helo': expected hello, degrees, bfs or all (did you mean 'hello'?)" },
        { "bench hello --edges 500", "unknown option --edges: did you mean --edges-count?" },
        { "bench hello --verify 1", "--verify takes no value, but is followed by '1'" },
        { "bench all --nodes 5", "unknown option --nodes" },
        { "bench hello --json {dir}", "{dir}: is a directory: --json needs a file to write" },
        { "bench hello --plots {dir}/graph.txt", "{dir}/graph.txt: is a file: --plots needs a directory to write into" },
        { "bench hello --json", "--json needs a value: a file to write" },
        { "bench hello --upstream {dir}/graph.txt", "{dir}/graph.txt: is not a directory: --upstream needs the directory of upstream's programs (dd-hello, dd-degrees, dd-bfs)" },
        { "bench bfs --upstream {dir}", "--upstream: {dir} holds no upstream program dd-bfs (nor does {dir}/bin)" },
        { "bench all --upstream {dir}", "--upstream: {dir} holds no upstream program dd-hello (nor does {dir}/bin)" },
        { "bench hello --pairs 0", "--pairs must be a whole number ≥ 1, but is '0'" },
        { "bench hello --cluster 0", "--cluster must be a number of members ≥ 1 or a member's host:port, but is '0'" },
        { "bench hello --cluster 99999999999", "--cluster must be a number of members ≥ 1 or a member's host:port, but is '99999999999'" },
        { "bench hello --cluster localhost", "--cluster must be a number of members ≥ 1 or a member's host:port (for example 127.0.0.1:4053), but is 'localhost'" },
        { "bench bfs --cluster 127.0.0.1:0", "--cluster must be a number of members ≥ 1 or a member's host:port (for example 127.0.0.1:4053), but is '127.0.0.1:0'" },
        { "bench hello --cluster", "--cluster needs a value: a number of members to start, or a member's host:port" },
        { "bench hello --cluster-buckets 2", "--cluster-buckets needs --cluster: it sets the buckets of the cluster's dataflow" },
        { "bench hello --cluster 3 --cluster-buckets 0", "--cluster-buckets must be a whole number ≥ 1, but is '0'" },
        { "bench hello --cluster 3 --upstream {dir}", "--upstream cannot be combined with --cluster: a run is compared with upstream's or with the cluster's, not both" },
        { "bench all --cluster 2 --upstream {dir}", "--upstream cannot be combined with --cluster: a run is compared with upstream's or with the cluster's, not both" },
        { "words --cluster", "--cluster needs a value: a cluster member's host:port" },
        { "degrees --cluster", "--cluster needs a value: a cluster member's host:port" },
        { "node --seeds 127.0.0.1:4100 --parent 999999999", "--parent 999999999: no process has this id (it has exited already?)" },

        { "node --port 4100", "node needs --seeds host:port,... (the first member lists its own address)" },
        { "node --seeds nonsense", "Seed 'nonsense' is not host:port (for example 127.0.0.1:4053)." },

        // Commands.
        { "bsf --edges {dir}/graph.txt", "unknown command 'bsf': did you mean 'bfs'? (see 'help')" },
        { "frobnicate", "unknown command 'frobnicate': the commands are bfs, cc, scc, degrees, words, streams, bench, soak, node, help (see 'help')" },
        { "--buckets 3", "unknown command '--buckets': the commands are bfs, cc, scc, degrees, words, streams, bench, soak, node, help (see 'help')" },
    };

    public CommandErrorsTests()
    {
        Write("graph.txt", "0 1", "1 2");
        Write("empty.txt");
        Write("comments.txt", "# no edges here", "");
        Write("big.txt", "0 1", "1 99999999999");
        Write("letters.txt", "a b");
        Write("three.txt", "1 2 3");
        Write("changes.txt", "+ 2 0");
        Write("big-change.txt", "+ 1 -99999999999");
        Write("absent.txt", "- 2 1");
    }

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_one_error_line_with_exit_code_2(string command, string expected)
    {
        var (code, output, error) = await Run(command.Replace("{dir}", directory.FullName, StringComparison.Ordinal));

        Assert.Equal($"error: {expected.Replace("{dir}", directory.FullName, StringComparison.Ordinal)}{Environment.NewLine}", error);
        Assert.Equal(2, code);
        Assert.Equal("", output);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("bfs --help")]
    [InlineData("bench hello -h")]
    public async Task Help_lists_every_command_and_the_one_meaning_of_each_option(string command)
    {
        var (code, output, error) = await Run(command);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        foreach (var name in new[] { "bfs", "cc", "scc", "degrees", "words", "bench", "--edges FILE", "--edges-count M", "--changes FILE", "--json FILE" })
            Assert.Contains(name, output);
        Assert.DoesNotContain("--edges M", output);
    }

    [Fact]
    public async Task Words_runs_with_its_buckets_option()
    {
        var (code, output, _) = await Run("words --buckets 2");

        Assert.Equal(0, code);
        Assert.StartsWith("Words longer than three letters, upper-cased, over 2 buckets.", output);
        Assert.Contains("  +1 THINKING @ 1", output);
    }

    [Fact]
    public async Task A_negative_node_id_is_a_value_not_an_option()
    {
        var (code, output, _) = await Run($"bfs --edges {directory.FullName}/graph.txt --root -1");

        Assert.Equal(0, code);
        Assert.Equal($"-1 0{Environment.NewLine}", output);
    }

    public void Dispose() => directory.Delete(recursive: true);

    private static async Task<(int Code, string Output, string Error)> Run(string command)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = await Commands.RunAsync(command.Split(' ', StringSplitOptions.RemoveEmptyEntries), output, error, ProgressDisplay.Silent);
        return (code, output.ToString(), error.ToString());
    }

    private void Write(string name, params string[] lines) => File.WriteAllLines(Path.Combine(directory.FullName, name), lines);
}
