using AkkaDifferential.Host.Benchmarks;
using AkkaDifferential.Host.Cluster;
using AkkaDifferential.Host.Examples;
using AkkaDifferential.Host.Soak;
using AkkaDifferential.Operators.Configuration;

namespace AkkaDifferential.Host.Cli;

/// <summary>
/// The command line of the host: the first argument names a command (none runs the demo), the rest are its
/// options. Bad input — an unknown command or option, a malformed value, a file that cannot be read or holds a
/// malformed line — is one line on the error output, <c>error: &lt;file&gt;:&lt;line&gt;: &lt;what&gt;</c> (or
/// <c>error: &lt;what&gt;</c> for an option), and exit code 2, without a stack trace.
/// </summary>
internal static class Commands
{
    /// <summary>The exit code of bad input.</summary>
    public const int BadInput = 2;

    private static readonly string[] Names = ["bfs", "cc", "scc", "degrees", "words", "streams", "bench", "soak", "node", "help"];

    /// <summary>Runs the command <paramref name="args"/> name; returns the process's exit code.</summary>
    /// <param name="args">The command and its options.</param>
    /// <param name="output">Where results go (stdout).</param>
    /// <param name="log">Where rounds are logged and errors reported (stderr).</param>
    /// <param name="progress">Where <c>bench</c> shows how far it is.</param>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter log, ProgressDisplay progress)
    {
        try
        {
            if (args.Any(arg => arg is "--help" or "-h"))
                return Help(output);
            var rest = args.Skip(1).ToArray();
            return args.Count == 0 ? await DemoExample.RunAsync(output) : args[0] switch
            {
                "words" => await WordsExample.RunAsync(rest, output, log),
                "streams" => await StreamsExample.RunAsync(rest, output),
                "degrees" => await DegreesExample.RunAsync(rest, output, log),
                "bfs" => await BfsExample.RunAsync(rest, output, log),
                "cc" => await ConnectedComponentsExample.RunAsync(rest, output, log),
                "scc" => await SccExample.RunAsync(rest, output, log),
                "bench" => await BenchCommand.RunAsync(rest, output, progress),
                "soak" => await SoakCommand.RunAsync(rest, output),
                "node" => await NodeCommand.RunAsync(rest, output, log),
                "help" => Help(output),
                var unknown => throw Unknown(unknown),
            };
        }
        catch (CommandLineException ex)
        {
            log.WriteLine($"error: {ex.Message}");
            return BadInput;
        }
        catch (OutOfMemoryException ex)
        {
            log.WriteLine($"error: out of memory ({ex.Message}): the graph or the rounds asked for do not fit on this machine");
            return BadInput;
        }
    }

    private static CommandLineException Unknown(string command)
    {
        var closest = Spelling.Closest(command, Names);
        return new CommandLineException(closest is null
            ? $"unknown command '{command}': the commands are {string.Join(", ", Names)} (see 'help')"
            : $"unknown command '{command}': did you mean '{closest}'? (see 'help')");
    }

    private static int Help(TextWriter output)
    {
        output.WriteLine($"""
            Usage: dotnet run --project src/Host -- [command] [options]

            Without a command: a short demo of bfs on a random graph that changes in rounds.

            Commands:
              bfs [--root R] [graph options]  hop distances from node R (0) along directed edges;
                                              prints 'node distance' for every node R reaches, sorted by node
              cc [graph options]              connected components of the graph taken as undirected;
                                              prints 'node label' (label = smallest node id of the component)
              scc [graph options]             strongly connected components; prints 'node label' for every
                                              node of the graph (label = smallest node id of its component)
              degrees [options]               the degree distribution of a random graph that changes in rounds
                  --nodes N                   nodes of the random graph (1000)
                  --edges-count M             edges loaded at first (5 x nodes)
                  --edges-per-round B         edges inserted, and oldest removed, per round (10)
                  --rounds R                  rounds (5)
                  --buckets W                 buckets (workers) (4)
                  --seed S                    random seed (1)
                  --edges FILE                load 'src dst' lines from FILE instead (no random graph, no
                                              rounds) and print 'degree count' lines
                  --cluster H:P               run on the cluster whose member listens at H:P (see 'node')
              words [--buckets W] [--cluster H:P]
                                              a word-change dataflow of linear operators, driven in rounds
              streams [--buckets W] [--max-in-flight M]
                                              an Akka.Streams source of lines through a word count (Sink)
                                              into a stream of its changes per closed time (Source)
            {BenchCommand.Help}
            {SoakOptions.Help}
            {NodeCommand.Help}
              help                            this text (also: --help after any command)

            Graph options (bfs, cc, scc):
            {GraphOptions.Help}
              The graph is a multiset of edges: inserting an edge twice needs two removals to remove it.
              Each round (0 = the first computation) logs its latency and number of output changes to stderr;
              after the last round the result goes to stdout.

            An option has one meaning in every command: --edges is always a file of edges, --edges-count a
            number of edges. Bad input is reported on stderr as 'error: FILE:LINE: what' (or 'error: what'
            for an option), with exit code 2.
            """);
        return 0;
    }
}
