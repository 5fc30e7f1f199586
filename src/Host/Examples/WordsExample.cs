using AkkaDifferential.Host.Cli;
using AkkaDifferential.Host.Cluster;

namespace AkkaDifferential.Host.Examples;

/// <summary>
/// A first dataflow of linear operators: lines of text in, the words longer than three letters out, upper-cased and
/// consolidated. Each round changes the input lines and prints only the changes of the output, with the time each
/// round took. Runs on the embedded engine, or with <c>--cluster H:P</c> on a running cluster (deployed by name).
/// </summary>
internal static class WordsExample
{
    private static readonly string[][] Rounds =
    [
        ["the quick brown fox", "jumps over the lazy dog"],
        ["quick thinking wins"],
        [],
    ];

    /// <summary>The dataflow's handles: the input of lines, and the capture and probe of the words.</summary>
    public sealed record Handles(InputSession<string, long, long> Lines, CaptureHandle<string, long, long> Words, ProbeHandle<long> Probe);

    /// <summary>Runs the example with <paramref name="args"/> (<c>--buckets N</c>, <c>--cluster H:P</c>), printing to <paramref name="output"/>.</summary>
    /// <exception cref="CommandLineException">An option is unknown or malformed.</exception>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter log)
    {
        var options = new CommandLine(args);
        var buckets = options.Int("buckets", 4, minimum: 1);
        var cluster = options.String("cluster", "a cluster member's host:port");
        options.RejectUnknown();
        if (cluster is not null)
            return await ClusterDriver.RunAsync(cluster, log, async (engine, definitions) =>
            {
                await using var dataflow = await engine.DeployAsync(definitions.Examples.Words, 0, buckets);
                return await RunAsync(dataflow, buckets, output);
            });
        await using var embedded = DifferentialEngine.Create();
        await using var built = await embedded.BuildAsync<long, Handles>(Build, buckets, "words");
        return await RunAsync(built, buckets, output);
    }

    /// <summary>The dataflow: lines in, their long words upper-cased and consolidated out.</summary>
    public static Handles Build(Scope<long> scope)
    {
        var (lines, text) = scope.NewCollection<string>();
        var words = text
            .FlatMap(static line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Filter(static word => word.Length > 3)
            .Map(static word => word.ToUpperInvariant())
            .Consolidate();
        return new Handles(lines, words.Capture(), words.Probe());
    }

    private static async Task<int> RunAsync(Dataflow<Handles> dataflow, int buckets, TextWriter output)
    {
        var (input, words, probe) = dataflow.Handles;
        output.WriteLine($"Words longer than three letters, upper-cased, over {buckets} buckets.");
        string[] previous = [];
        var seen = 0;
        for (var round = 0; round < Rounds.Length; round++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            foreach (var line in previous.Except(Rounds[round])) input.Remove(line);
            foreach (var line in Rounds[round].Except(previous)) input.Insert(line);
            previous = Rounds[round];
            input.AdvanceTo(round + 1);
            await probe.WhenPassed(round);
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            await words.WhenPassed(round);
            // Updates of later times cannot have arrived yet: their lines have not been sent.
            var captured = words.Updates;
            var changes = new List<string>(captured.Count - seen);
            for (; seen < captured.Count; seen++)
                changes.Add($"  {captured[seen].Diff:+0;-0} {captured[seen].Data} @ {captured[seen].Time}");
            output.WriteLine($"round {round}: lines [{string.Join(" | ", Rounds[round])}] -> {changes.Count} changes in {elapsed.TotalMilliseconds:F2} ms");
            foreach (var change in changes.Order(StringComparer.Ordinal)) output.WriteLine(change);
        }
        input.Close();
        await probe.WhenDone();
        return 0;
    }
}
