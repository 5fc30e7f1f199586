using System.Diagnostics;
using AkkaDifferential.Progress.Benchmarks;
using AkkaDifferential.Progress.Tracking;

// Updates per second of ProgressTracker: each batch of a TokenFlow is applied and its frontier changes taken, as the
// frontier actor does for an update that arrives alone. Usage: [--rounds R] [--trials N]; prints one line per graph
// with the median of N trials (each a fresh tracker over the same batches), after 3 s of warm-up.
var rounds = ArgValue("--rounds", 2_000);
var trials = ArgValue("--trials", 7);
foreach (var graph in new[] { BenchGraph.Bfs, BenchGraph.Chain(58) })
{
    var batches = TokenFlow.Batches(graph, rounds, iterations: 5);
    var changes = batches.Sum(b => b.Length);
    // Warm-up: until the code is jitted and tiered up (the first runs are several times slower).
    for (var warm = Stopwatch.StartNew(); warm.Elapsed < TimeSpan.FromSeconds(3);)
        Run(graph, batches);
    var rates = new List<double>();
    var allocated = GC.GetAllocatedBytesForCurrentThread();
    for (var trial = 0; trial < trials; trial++)
        rates.Add(batches.Count / Run(graph, batches).TotalSeconds);
    var perUpdate = (double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / trials / batches.Count;
    rates.Sort();
    var median = rates[rates.Count / 2];
    Console.WriteLine($"{graph.Name}: {median:N0} updates/s ({median * changes / batches.Count:N0} pointstamp changes/s; " +
        $"{batches.Count:N0} batches of {(double)changes / batches.Count:F1} changes; {perUpdate:F0} bytes allocated per update; trials {string.Join(" ", rates.Select(r => $"{r:N0}"))})");
}

static TimeSpan Run(BenchGraph graph, List<PointstampChange[]> batches)
{
    var tracker = new ProgressTracker(graph.Graph);
    var published = 0;
    var watch = Stopwatch.StartNew();
    foreach (var batch in batches)
        published += tracker.Apply(batch).Count;
    watch.Stop();
    if (published == 0)
        throw new InvalidOperationException("No frontier changed: the token flow is broken.");
    return watch.Elapsed;
}

int ArgValue(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1]) : fallback;
}
