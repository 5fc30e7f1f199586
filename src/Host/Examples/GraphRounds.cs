using System.Diagnostics;

namespace AkkaDifferential.Host.Examples;

/// <summary>What one round of a graph computation did: its changes, how long it took, and how much work it was.</summary>
/// <param name="Round">The round, which is also its logical time: 0 is the initial computation.</param>
/// <param name="Latency">From the first change of the round until the result's frontier passed the round.</param>
/// <param name="EdgeChanges">The input changes of the round (none in round 0).</param>
/// <param name="OutputChanges">The result's changes at the round's time, sorted.</param>
/// <param name="RecordsProcessed">Updates the dataflow's operators received during the round.</param>
/// <param name="Result">The whole result after the round, sorted by node; empty unless an observer asked for it.</param>
internal sealed record RoundReport(
    long Round,
    TimeSpan Latency,
    IReadOnlyList<EdgeChange> EdgeChanges,
    IReadOnlyList<Update<(int Node, int Value), long, long>> OutputChanges,
    long RecordsProcessed,
    IReadOnlyList<(int Node, int Value)> Result);

/// <summary>
/// Drives a graph dataflow in rounds, the way the graph commands run: the initial edges at time 0, then each round
/// of changes at the next time, waiting for the result's frontier to pass the round before the next one. Logs each
/// round's latency and number of output changes; optionally prints the changes themselves.
/// </summary>
internal static class GraphRounds
{
    /// <summary>Runs <paramref name="build"/>'s dataflow over <paramref name="input"/> and returns the final result, sorted by node.</summary>
    /// <param name="name">The dataflow's name.</param>
    /// <param name="input">The edges and their rounds of changes.</param>
    /// <param name="options">Buckets, and whether to print the changes of each round to <paramref name="output"/>.</param>
    /// <param name="build">Builds the dataflow.</param>
    /// <param name="output">Where changes are printed.</param>
    /// <param name="log">Where each round's latency and number of changes are written.</param>
    /// <param name="observe">Called after every round, with the whole result.</param>
    /// <param name="engine">The engine to run on; by default a new embedded one.</param>
    /// <param name="argument">With <see cref="GraphOptions.Cluster"/>: the argument of the example's definition (bfs: the root).</param>
    public static async Task<IReadOnlyList<(int Node, int Value)>> RunAsync(
        string name,
        GraphInput input,
        GraphOptions options,
        Func<Scope<long>, GraphHandles> build,
        TextWriter output,
        TextWriter log,
        Action<RoundReport>? observe = null,
        DifferentialEngine? engine = null,
        int argument = 0)
    {
        // A graph file that cannot be written is refused before the computation, not after it.
        if (options.GraphFile is { } graphFile)
            WriteGraph(graphFile, "");
        if (options.Cluster is { } member)
            return await RunOnClusterAsync(name, member, argument, input, options, output, log, observe);
        var owned = engine is null ? DifferentialEngine.Create() : null;
        try
        {
            var dataflow = await (engine ?? owned!).BuildAsync(build, options.Buckets, name);
            await using (dataflow)
            {
                var result = await RunAsync(dataflow, input, options, output, log, observe);
                await WriteGraphAsync(dataflow, options);
                return result;
            }
        }
        finally
        {
            if (owned is not null)
                await owned.DisposeAsync();
        }
    }

    /// <summary>
    /// Joins the cluster at <paramref name="member"/> as a driver (hosting no bucket), deploys the example definition
    /// <paramref name="name"/> by name, runs the rounds, and leaves.
    /// </summary>
    private static Task<IReadOnlyList<(int Node, int Value)>> RunOnClusterAsync(
        string name, string member, int argument, GraphInput input, GraphOptions options, TextWriter output, TextWriter log, Action<RoundReport>? observe) =>
        Cluster.ClusterDriver.RunAsync(member, log, async (engine, definitions) =>
        {
            await using var dataflow = await engine.DeployAsync(definitions.Examples[name], argument, options.Buckets);
            var result = await RunAsync(dataflow, input, options, output, log, observe);
            await WriteGraphAsync(dataflow, options);
            return result;
        });

    /// <summary>Writes the operator graph with every bucket's counters, wherever they run, to the <c>--graph</c> file, if one is given.</summary>
    private static async Task WriteGraphAsync(Dataflow<GraphHandles> dataflow, GraphOptions options)
    {
        if (options.GraphFile is not { } file)
            return;
        var format = Path.GetExtension(file).Equals(".mmd", StringComparison.OrdinalIgnoreCase) ? GraphFormat.Mermaid : GraphFormat.Dot;
        WriteGraph(file, (await dataflow.Metrics.SnapshotAsync()).Describe(format));
    }

    /// <summary>Prints a result as <c>node value</c> lines.</summary>
    public static void Print(IEnumerable<(int Node, int Value)> result, TextWriter output)
    {
        foreach (var (node, value) in result)
            output.WriteLine($"{node} {value}");
    }

    /// <summary>Runs the rounds of <paramref name="input"/> on a deployed dataflow (embedded or on a cluster) and returns the final result.</summary>
    public static async Task<IReadOnlyList<(int Node, int Value)>> RunAsync(
        Dataflow<GraphHandles> dataflow, GraphInput input, GraphOptions options, TextWriter output, TextWriter log, Action<RoundReport>? observe)
    {
        var (edges, capture, probe, start) = dataflow.Handles;
        var result = new Dictionary<(int Node, int Value), long>();
        var seen = 0;

        for (var round = 0; round <= input.Rounds.Count; round++)
        {
            var changes = round == 0 ? [] : input.Rounds[round - 1];
            // Every bucket's counters of now, exact: the previous round has passed everywhere.
            var before = (await dataflow.Metrics.SnapshotAsync()).RecordsProcessed;
            var clock = Stopwatch.StartNew();
            if (round == 0)
            {
                start?.Invoke();
                foreach (var edge in input.Edges)
                    edges.Insert(edge);
            }
            foreach (var change in changes)
                edges.Update(change.Edge, change.Diff);
            edges.AdvanceTo(round + 1);
            await WhenPassed(dataflow, probe, round, options.ProgressSeconds, clock, before, log);
            var latency = clock.Elapsed;
            await capture.WhenPassed(round);
            var records = (await dataflow.Metrics.SnapshotAsync()).RecordsProcessed - before;

            // Updates of later times cannot have arrived yet: their changes have not been sent.
            var captured = capture.Updates;
            var outputChanges = new List<Update<(int Node, int Value), long, long>>(captured.Count - seen);
            for (; seen < captured.Count; seen++)
                outputChanges.Add(captured[seen]);
            outputChanges.Sort(static (a, b) => a.Data.CompareTo(b.Data) is var c and not 0 ? c : a.Diff.CompareTo(b.Diff));
            foreach (var update in outputChanges)
                result[update.Data] = result.GetValueOrDefault(update.Data) + update.Diff;

            var loaded = round == 0 ? $"{input.Edges.Count} edges loaded, " : $"{changes.Count} edge changes, ";
            log.WriteLine($"round {round}: {loaded}{outputChanges.Count} output changes in {latency.TotalMilliseconds:F2} ms ({records} records processed)");
            if (options.PrintChanges && round > 0)
            {
                output.WriteLine($"round {round} edge changes: {string.Join(", ", changes)}");
                output.WriteLine($"round {round} output changes:");
                foreach (var update in outputChanges)
                    output.WriteLine($"  {(update.Diff > 0 ? '+' : '-')} {update.Data.Node} {update.Data.Value}");
            }
            if (observe is not null)
                observe(new RoundReport(round, latency, changes, outputChanges, records, Sorted(result)));
        }
        edges.Close();
        return Sorted(result);
    }

    /// <summary>
    /// Waits for the probe to pass <paramref name="round"/>, logging every <paramref name="seconds"/> how long the round
    /// has run, the records processed in it so far, and the operator whose frontier lags the inputs most.
    /// </summary>
    private static async Task WhenPassed(Dataflow<GraphHandles> dataflow, ProbeHandle<long> probe, long round, int seconds, Stopwatch clock, long before, TextWriter log)
    {
        var passed = probe.WhenPassed(round);
        if (seconds == 0)
        {
            await passed;
            return;
        }
        while (await Task.WhenAny(passed, Task.Delay(TimeSpan.FromSeconds(seconds))) != passed)
        {
            // As the buckets last reported: a fresh snapshot would wait for the busy instances.
            var snapshot = dataflow.Metrics.Snapshot();
            var records = snapshot.RecordsProcessed - before;
            var behind = snapshot.Operators.Where(o => o.Lag > 0).MaxBy(o => o.Lag);
            var lag = behind is null ? "" : $", '{behind.Name}' furthest behind at {behind.Frontier}";
            log.WriteLine($"round {round}: running for {clock.Elapsed.TotalSeconds:F0} s, {records:N0} records processed{lag}");
        }
        await passed;
    }

    /// <summary>Writes <paramref name="graph"/> (the operator graph drawn by <c>Describe</c>) to the <c>--graph</c> file.</summary>
    private static void WriteGraph(string file, string graph)
    {
        try
        {
            File.WriteAllText(file, graph);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new Cli.CommandLineException($"--graph {file}: cannot write the graph: {ex.Message}");
        }
    }

    private static List<(int Node, int Value)> Sorted(Dictionary<(int Node, int Value), long> result)
    {
        var sorted = new List<(int Node, int Value)>(result.Count);
        foreach (var (record, count) in result)
        {
            if (count < 0)
                throw new InvalidOperationException($"The result has record {record} with multiplicity {count}: the dataflow is wrong.");
            for (var i = 0; i < count; i++)
                sorted.Add(record);
        }
        sorted.Sort();
        return sorted;
    }
}
