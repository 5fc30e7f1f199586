using Akka.Streams;
using Akka.Streams.Dsl;
using AkkaDifferential.Host.Cli;

namespace AkkaDifferential.Host.Examples;

/// <summary>
/// A stream through a dataflow into a stream: an Akka.Streams source of text lines, each in a sliding window of
/// two ticks (inserted at its tick, removed two ticks later), flows into a word-count dataflow through the input's
/// Sink; the counts' changes come out of a Source, one element per closed tick, and are printed with the words
/// counted at that tick.
/// </summary>
internal static class StreamsExample
{
    internal static readonly string[] Lines =
    [
        "the quick brown fox", "jumps over the lazy dog", "the dog sleeps", "a quick brown dog",
        "the fox runs", "over and over",
    ];

    /// <summary>Runs the example with <paramref name="args"/> (<c>--buckets N</c>, <c>--max-in-flight M</c>).</summary>
    /// <exception cref="CommandLineException">An option is unknown or malformed.</exception>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        var options = new CommandLine(args);
        var buckets = options.Int("buckets", 4, minimum: 1);
        var maxInFlight = options.Int("max-in-flight", 100, minimum: 1);
        options.RejectUnknown();
        await using var engine = DifferentialEngine.Create();
        await using var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var (lines, text) = scope.NewCollection<string>("lines");
            var counts = text.FlatMap(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Count();
            return (lines, counts.Changes(accumulate: true), counts.Probe());
        }, buckets, name: "window-word-count");
        var (input, changes, probe) = dataflow.Handles;
        var materializer = engine.System.Materializer();

        output.WriteLine($"Word counts over a window of two lines, from a stream into a stream, over {buckets} buckets.");
        var printed = changes.ToSource()
            .Select(Describe)
            .RunForeach(output.WriteLine, materializer);
        var updates = Enumerable.Range(0, Lines.Length + 2).SelectMany(tick => Window(tick));
        await Source.From(updates).RunWith(input.ToSink(probe, maxInFlight), materializer);
        await printed;
        return 0;
    }

    /// <summary>The updates at <paramref name="tick"/>: its line enters the window, the line of two ticks before leaves.</summary>
    private static IEnumerable<Update<string, long, long>> Window(int tick)
    {
        if (tick < Lines.Length)
            yield return new Update<string, long, long>(Lines[tick], tick, 1);
        if (tick >= 2)
            yield return new Update<string, long, long>(Lines[tick - 2], tick, -1);
    }

    private static string Describe(TimeChanges<(string Word, long Count), long, long> tick)
    {
        var changed = string.Join(" ", tick.Changes.Select(c => $"{(c.Diff > 0 ? "+" : "-")}({c.Data.Word} {c.Data.Count})"));
        var top = tick.Contents!.Keys.OrderByDescending(k => k.Count).ThenBy(k => k.Word, StringComparer.Ordinal).Take(3);
        var most = tick.Contents.Count == 0 ? "(no words)" : string.Join(", ", top.Select(k => $"{k.Word} {k.Count}"));
        return $"tick {tick.Time}: {changed}\n  most counted: {most}";
    }
}
