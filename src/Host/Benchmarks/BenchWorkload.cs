namespace AkkaDifferential.Host.Benchmarks;

/// <summary>
/// A benchmarked computation over a changing edge multiset, done two ways: as a dataflow on the engine, maintained
/// incrementally, and as the recomputation from scratch a .NET program would do with LINQ. Answers of both are
/// maps from a key to a number, so that they can be compared.
/// </summary>
internal abstract class BenchWorkload
{
    /// <summary>The workload's name on the command line.</summary>
    public abstract string Name { get; }

    /// <summary>Builds and deploys the dataflow; with <paramref name="capture"/> its output is recorded so that answers can be read.</summary>
    public abstract Task<DeployedWorkload> DeployAsync(DifferentialEngine engine, int buckets, bool capture);

    /// <summary>The answer for the edge multiset <paramref name="edges"/>, computed from scratch with LINQ.</summary>
    public abstract Dictionary<long, long> Recompute(IEnumerable<(int Src, int Dst)> edges);

    /// <summary>The workload named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No workload has that name.</exception>
    public static BenchWorkload Named(string name) => name switch
    {
        "hello" => new HelloWorkload(),
        "degrees" => new DegreesWorkload(),
        "bfs" => new BfsWorkload(),
        _ => throw new ArgumentException($"Unknown workload '{name}': expected {string.Join(", ", BenchConfig.Workloads)} or all."),
    };

    /// <summary>
    /// Deploys a dataflow of one edge input whose output, <paramref name="counts"/> of the edges, has one
    /// <c>(key, count)</c> record per key: the shape of hello and degrees.
    /// </summary>
    protected static async Task<DeployedWorkload> DeployCountsAsync<TKey>(
        DifferentialEngine engine,
        int buckets,
        bool capture,
        string name,
        Func<Collection<(int Src, int Dst), long, long>, Collection<(TKey Key, long Count), long, long>> counts,
        Func<TKey, long> key)
        where TKey : notnull
    {
        var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, edges) = scope.NewCollection<(int Src, int Dst)>();
            var output = counts(edges);
            return (input, output.Probe(), capture ? output.Capture() : null);
        }, buckets, name);
        var (edges, probe, captured) = dataflow.Handles;
        return new DeployedWorkload(dataflow, dataflow.Metrics, edges, probe, static () => { },
            captured is null ? null : async time => ToAnswer(await captured.CollectionAt(time), key, static count => count));
    }

    /// <summary>Turns a captured collection of <c>(key, value)</c> records of multiplicity one into a map.</summary>
    /// <exception cref="InvalidDataException">A record has another multiplicity, or a key appears twice.</exception>
    protected static Dictionary<long, long> ToAnswer<TKey, TValue>(IReadOnlyDictionary<(TKey Key, TValue Value), long> collection, Func<TKey, long> key, Func<TValue, long> value)
    {
        var answer = new Dictionary<long, long>(collection.Count);
        foreach (var ((k, v), diff) in collection)
            if (diff != 1 || !answer.TryAdd(key(k), value(v)))
                throw new InvalidDataException($"The output holds ({k}, {v}) with multiplicity {diff}, or a second value for {k}: expected one value per key.");
        return answer;
    }
}

/// <summary>A deployed workload: its edge input, the probe on its output, and how to read its answer.</summary>
/// <param name="Dataflow">The dataflow, to dispose at the end.</param>
/// <param name="Metrics">The dataflow's work counters.</param>
/// <param name="Edges">The edge input.</param>
/// <param name="Probe">The probe on the output: a round is done when it passes the round's last time.</param>
/// <param name="Start">Feeds the workload's other inputs (bfs: the root) at time 0 and closes them.</param>
/// <param name="AnswerAt">The output at a time, once passed; null unless deployed with capture.</param>
internal sealed record DeployedWorkload(
    IAsyncDisposable Dataflow,
    DataflowMetrics Metrics,
    InputSession<(int Src, int Dst), long, long> Edges,
    ProbeHandle<long> Probe,
    Action Start,
    Func<long, Task<Dictionary<long, long>>>? AnswerAt);
