using AkkaDifferential.Host.Cli;

namespace AkkaDifferential.Host.Examples;

/// <summary>
/// A first dataflow of linear operators on the embedded engine: lines of text in, the words longer than three
/// letters out, upper-cased and consolidated. Each round changes the input lines and prints only the changes of
/// the output, with the time each round took.
/// </summary>
internal static class WordsExample
{
    private static readonly string[][] Rounds =
    [
        ["the quick brown fox", "jumps over the lazy dog"],
        ["quick thinking wins"],
        [],
    ];

    /// <summary>Runs the example with <paramref name="args"/> (<c>--buckets N</c>), printing to <paramref name="output"/>.</summary>
    /// <exception cref="CommandLineException">An option is unknown or malformed.</exception>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        var options = new CommandLine(args);
        var buckets = options.Int("buckets", 4, minimum: 1);
        options.RejectUnknown();
        await using var engine = DifferentialEngine.Create();
        var changes = new List<string>();
        var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var (lines, text) = scope.NewCollection<string>();
            var words = text
                .FlatMap(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Filter(word => word.Length > 3)
                .Map(word => word.ToUpperInvariant())
                .Consolidate()
                .Inspect(update =>
                {
                    lock (changes)
                        changes.Add($"  {(long)update.Diff:+0;-0} {update.Data} @ {update.Time}");
                })
                .Probe();
            return (lines, words);
        }, buckets);
        var (input, probe) = dataflow.Handles;

        output.WriteLine($"Words longer than three letters, upper-cased, over {buckets} buckets.");
        string[] previous = [];
        for (var round = 0; round < Rounds.Length; round++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            foreach (var line in previous.Except(Rounds[round])) input.Remove(line);
            foreach (var line in Rounds[round].Except(previous)) input.Insert(line);
            previous = Rounds[round];
            input.AdvanceTo(round + 1);
            await probe.WhenPassed(round);
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            output.WriteLine($"round {round}: lines [{string.Join(" | ", Rounds[round])}] -> {changes.Count} changes in {elapsed.TotalMilliseconds:F2} ms");
            lock (changes)
            {
                foreach (var change in changes.Order(StringComparer.Ordinal)) output.WriteLine(change);
                changes.Clear();
            }
        }
        input.Close();
        await probe.WhenDone();
        await dataflow.DisposeAsync();
        return 0;
    }
}
