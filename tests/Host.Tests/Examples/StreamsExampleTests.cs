using AkkaDifferential.Host.Examples;

namespace AkkaDifferential.Host.Tests.Examples;

/// <summary>The streams example's output, tick by tick, against word counts over the same window computed with LINQ.</summary>
public sealed class StreamsExampleTests
{
    [Fact]
    public async Task Every_tick_prints_the_most_counted_words_of_its_window()
    {
        var output = new StringWriter();
        Assert.Equal(0, await StreamsExample.RunAsync(["--buckets", "3", "--max-in-flight", "2"], output));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var ticks = lines.Where(l => l.StartsWith("tick ", StringComparison.Ordinal)).ToList();
        var most = lines.Where(l => l.StartsWith("most counted: ", StringComparison.Ordinal)).ToList();
        // Every tick changes the window, the last one empties it.
        Assert.Equal(Enumerable.Range(0, StreamsExample.Lines.Length + 2).Select(t => $"tick {t}:"), ticks.Select(t => t[..(t.IndexOf(':') + 1)]));
        for (var tick = 0; tick < ticks.Count; tick++)
        {
            var counts = StreamsExample.Lines
                .Where((_, index) => index <= tick && index > tick - 2)
                .SelectMany(line => line.Split(' '))
                .GroupBy(word => word)
                .Select(g => (Word: g.Key, Count: g.Count()))
                .OrderByDescending(w => w.Count).ThenBy(w => w.Word, StringComparer.Ordinal)
                .Take(3)
                .ToList();
            var expected = counts.Count == 0 ? "(no words)" : string.Join(", ", counts.Select(w => $"{w.Word} {w.Count}"));
            Assert.Equal($"most counted: {expected}", most[tick]);
        }
    }
}
