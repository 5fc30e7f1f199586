using AkkaDifferential.Host.Examples;

// The AkkaDifferential command line: example dataflows on the embedded single-node engine.
try
{
    return args.FirstOrDefault() switch
    {
        null or "words" => await WordsExample.RunAsync(args.Skip(1).ToArray()),
        "degrees" => await DegreesExample.RunAsync(args.Skip(1).ToArray(), Console.Out, Console.Error),
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
    Console.Error.WriteLine("""
        Usage: dotnet run --project src/Host -- [command] [options]

        Commands:
          words [--buckets N]      (default) a word-change dataflow of linear operators, driven in rounds
          degrees [options]        the degree distribution of a random graph that changes in rounds
              --nodes N            nodes of the random graph (1000)
              --edges-count M      edges loaded at first (5 x nodes)
              --edges-per-round B  edges inserted, and oldest removed, per round (10)
              --rounds R           rounds (5)
              --buckets W          buckets (workers) (4)
              --seed S             random seed (1)
              --edges FILE         load 'src dst' lines from FILE instead and print 'degree count' lines
          help                     this text
        """);
    return code;
}
