using AkkaDifferential.Host.Benchmarks;
using AkkaDifferential.Host.Examples;

// The AkkaDifferential command line: example dataflows on the embedded single-node engine.
try
{
    var rest = args.Skip(1).ToArray();
    return args.FirstOrDefault() switch
    {
        null => await DemoExample.RunAsync(Console.Out),
        "words" => await WordsExample.RunAsync(rest),
        "degrees" => await DegreesExample.RunAsync(rest, Console.Out, Console.Error),
        "bfs" => await BfsExample.RunAsync(rest, Console.Out, Console.Error),
        "cc" => await ConnectedComponentsExample.RunAsync(rest, Console.Out, Console.Error),
        "scc" => await SccExample.RunAsync(rest, Console.Out, Console.Error),
        "bench" => await BenchCommand.RunAsync(rest, Console.Out, ProgressDisplay.OnConsole()),
        "--help" or "-h" or "help" => Usage(0),
        var unknown => Usage(2, $"Unknown command '{unknown}'."),
    };
}
catch (Exception ex) when (ex is ArgumentException or FormatException or IOException)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}

static int Usage(int code, string? error = null)
{
    if (error is not null)
        Console.Error.WriteLine(error);
    Console.Error.WriteLine($"""
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
              --edges FILE                load 'src dst' lines from FILE instead and print 'degree count' lines
          words [--buckets N]             a word-change dataflow of linear operators, driven in rounds
        {BenchCommand.Help}
          help                            this text

        Graph options (bfs, cc, scc):
        {GraphOptions.Help}
          The graph is a multiset of edges: inserting an edge twice needs two removals to remove it.
          Each round (0 = the first computation) logs its latency and number of output changes to stderr;
          after the last round the result goes to stdout.
        """);
    return code;
}
