using AkkaDifferential.Host.Benchmarks;
using AkkaDifferential.Host.Cli;

// The AkkaDifferential command line: example dataflows on the embedded single-node engine (see Cli/Commands).
try
{
    return await Commands.RunAsync(args, Console.Out, Console.Error, ProgressDisplay.OnConsole());
}
catch (Exception ex)
{
    // Not bad input (that is reported by Commands) but a failure of the program itself: say so, with its trace.
    Console.Error.WriteLine($"internal error: {ex}");
    return 1;
}
