using System.Diagnostics;
using System.Text.Json;
using AkkaDifferential.Host.Examples;

namespace AkkaDifferential.Host.Soak;

/// <summary>
/// The <c>soak</c> command: a long run of a sliding window. The first round loads <see cref="SoakOptions.Window"/>
/// random edges; every later round inserts <see cref="SoakOptions.EdgesPerRound"/> new ones and removes as many of
/// the oldest, so the live graph keeps its size while its history grows without end. Compaction (traces advanced to
/// the frontiers their readers allow, and merged) should keep the arrangements, and with them the process's
/// memory, flat: the command samples both every few rounds and reports how much the later half of the run grew over
/// the earlier half. The output is captured consolidated (<see cref="CaptureMode.Consolidated"/>), so it too stays
/// bounded.
/// </summary>
internal static class SoakCommand
{
    /// <summary>Runs the command; returns the exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        var options = SoakOptions.Parse(args);
        var samples = await RunAsync(options, sample => { if (!options.Json) output.WriteLine(Row(sample)); });
        var (heap, trace) = (Growth(samples, s => s.HeapBytes), Growth(samples, s => s.TraceUpdates));
        if (options.Json)
            output.WriteLine(JsonSerializer.Serialize(new
            {
                example = options.Example,
                window = options.Window,
                edges_per_round = options.EdgesPerRound,
                rounds = options.Rounds,
                heap_growth = heap,
                trace_growth = trace,
                samples,
            }));
        else
            output.WriteLine($"growth of the later half of the run over the earlier half (greatest sample): heap {heap:F2}x, trace updates {trace:F2}x");
        return 0;
    }

    /// <summary>Runs the sliding window and returns a sample every <see cref="SoakOptions.SampleEvery"/> rounds.</summary>
    public static async Task<IReadOnlyList<SoakSample>> RunAsync(SoakOptions options, Action<SoakSample> sampled)
    {
        var random = new Random(options.Seed);
        (int, int) NewEdge() => (random.Next(options.Nodes), random.Next(options.Nodes));
        var live = new Queue<(int, int)>();
        var samples = new List<SoakSample>();
        await using var engine = DifferentialEngine.Create();
        await using var dataflow = await engine.BuildAsync((Scope<long> scope) => Build(scope, options.Example), options.Buckets, $"soak-{options.Example}");
        var (edges, _, probe, start) = dataflow.Handles;
        start?.Invoke();
        for (var round = 0L; round <= options.Rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            var inserts = round == 0 ? options.Window : options.EdgesPerRound;
            for (var i = 0; i < inserts; i++)
            {
                var edge = NewEdge();
                live.Enqueue(edge);
                edges.Insert(edge);
            }
            if (round > 0)
                for (var i = 0; i < options.EdgesPerRound; i++)
                    edges.Remove(live.Dequeue());
            edges.AdvanceTo(round + 1);
            await probe.WhenPassed(round);
            var latency = clock.Elapsed.TotalMilliseconds;
            if (round > 0 && round % options.SampleEvery == 0)
            {
                var sample = Sample(round, await dataflow.Metrics.SnapshotAsync(), latency);
                samples.Add(sample);
                sampled(sample);
            }
        }
        return samples;
    }

    /// <summary>The greatest sample of the later half of the run over the greatest of the earlier half.</summary>
    public static double Growth(IReadOnlyList<SoakSample> samples, Func<SoakSample, long> of)
    {
        if (samples.Count < 2)
            return 1;
        var half = samples.Count / 2;
        var early = samples.Take(half).Max(of);
        var late = samples.Skip(half).Max(of);
        return early == 0 ? (late == 0 ? 1 : double.PositiveInfinity) : (double)late / early;
    }

    private static GraphHandles Build(Scope<long> scope, string example)
    {
        var (edges, graph) = scope.NewCollection<(int Src, int Dst)>();
        Action? start = null;
        var result = example switch
        {
            "degrees" => DegreesExample.Distribution(graph).Map(static d => ((int)d.Degree, (int)d.Nodes)),
            "bfs" => Bfs(scope, graph, out start),
            _ => ConnectedComponentsExample.Components(graph),
        };
        var consolidated = result.Consolidate();
        return new GraphHandles(edges, consolidated.Capture(CaptureMode.Consolidated), consolidated.Probe(), start);
    }

    private static Collection<(int Node, int Value), long, long> Bfs(Scope<long> scope, Collection<(int Src, int Dst), long, long> graph, out Action start)
    {
        var (roots, rootCollection) = scope.NewCollection<int>();
        start = () =>
        {
            roots.Insert(0);
            roots.Close();
        };
        return BfsExample.Distances(graph, rootCollection);
    }

    private static SoakSample Sample(long round, DataflowSnapshot snapshot, double latency)
    {
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        long updates = 0, batches = 0, lag = 0;
        foreach (var op in snapshot.Operators)
            if (op.Arrangement is { } size)
            {
                updates += size.Updates;
                batches += size.Batches;
                lag = Math.Max(lag, size.CompactionLag);
            }
        return new SoakSample(round, heap, Environment.WorkingSet, updates, batches, lag, latency);
    }

    private static string Row(SoakSample s) =>
        $"round {s.Round}: heap {s.HeapBytes / 1e6:F1} MB, resident {s.WorkingSetBytes / 1e6:F1} MB, trace updates {s.TraceUpdates}, batches {s.TraceBatches}, compaction lag {s.CompactionLag}, round {s.RoundMilliseconds:F2} ms";
}
