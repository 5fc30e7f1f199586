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

    public static async Task<int> RunAsync(string[] args)
    {
        var buckets = args.Length == 2 && args[0] == "--buckets" && int.TryParse(args[1], out var b) ? b : 4;
        await using var engine = DifferentialEngine.Create();
        var changes = new List<string>();
        var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var (lines, text) = scope.NewCollection<string>();
            var probe = text
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
            return (lines, probe);
        }, buckets);
        var (input, output) = dataflow.Handles;

        Console.WriteLine($"Words longer than three letters, upper-cased, over {buckets} buckets.");
        string[] previous = [];
        for (var round = 0; round < Rounds.Length; round++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            foreach (var line in previous.Except(Rounds[round])) input.Remove(line);
            foreach (var line in Rounds[round].Except(previous)) input.Insert(line);
            previous = Rounds[round];
            input.AdvanceTo(round + 1);
            await output.WhenPassed(round);
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            Console.WriteLine($"round {round}: lines [{string.Join(" | ", Rounds[round])}] -> {changes.Count} changes in {elapsed.TotalMilliseconds:F2} ms");
            lock (changes)
            {
                foreach (var change in changes.Order(StringComparer.Ordinal)) Console.WriteLine(change);
                changes.Clear();
            }
        }
        input.Close();
        await output.WhenDone();
        await dataflow.DisposeAsync();
        return 0;
    }
}
