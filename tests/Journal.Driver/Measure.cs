using System.Diagnostics;
using AkkaDifferential;
using AkkaDifferential.Journal.Tests;

/// <summary>
/// `measure &lt;journal.db | none&gt; &lt;rounds&gt; &lt;size&gt;`: the journal's cost (docs/journal.md, "What it costs"). Runs the
/// workload's rounds one at a time (each fed, then waited for until the probe passes it) on an engine with the journal on
/// the given SQLite file, or without the journal ("none"), and prints the rounds per second and the median round.
/// </summary>
internal static class Measure
{
    public static async Task Run(string journal, long rounds, int size, string more)
    {
        await using var engine = journal == "none"
            ? DifferentialEngine.Create()
            : DifferentialJournal.Create($"akka-differential-journal.sqlite-path = {System.Text.Json.JsonSerializer.Serialize(journal)}\n{more}");
        await using var dataflow = await engine.DeployAsync(Workload.Register(engine), 0, buckets: 2);
        var handles = dataflow.Handles;
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        for (var round = 0L; round < rounds; round++)
        {
            var watch = Stopwatch.StartNew();
            Workload.Feed(handles, 1, round, size);
            await handles.Probe.WhenPassed(round).WaitAsync(TimeSpan.FromSeconds(60));
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        total.Stop();
        times.Sort();
        Console.WriteLine($"{(journal == "none" ? "without" : "with")} the journal: {rounds} rounds of {size} inserts (and as many removes) in {total.Elapsed.TotalSeconds:0.00} s: {rounds / total.Elapsed.TotalSeconds:0.0} rounds/s, median round {times[times.Count / 2]:0.0} ms, 90th percentile {times[times.Count * 9 / 10]:0.0} ms, slowest {times[^1]:0.0} ms");
    }
}
