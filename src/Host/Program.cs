using AkkaDifferential.Host.Examples;

// The AkkaDifferential command line: example dataflows on the embedded single-node engine.
return args.FirstOrDefault() switch
{
    null or "words" => await WordsExample.RunAsync(args.Skip(1).ToArray()),
    "--help" or "-h" or "help" => Usage(0),
    var unknown => Usage(2, $"Unknown command '{unknown}'."),
};

static int Usage(int code, string? error = null)
{
    if (error is not null)
        Console.Error.WriteLine(error);
    Console.Error.WriteLine("""
        Usage: dotnet run --project src/Host -- [command]

        Commands:
          words [--buckets N]   (default) a word-change dataflow of linear operators, driven in rounds
          help                  this text
        """);
    return code;
}
