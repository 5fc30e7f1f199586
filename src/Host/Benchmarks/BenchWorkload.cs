namespace AkkaDifferential.Host.Benchmarks;

/// <summary>
/// A benchmarked computation over a changing edge multiset, done two ways: as a dataflow on the engine, maintained
/// incrementally, and as the recomputation from scratch a .NET program would do with LINQ. Answers of both are
/// maps from a key to a number, so that they can be compared. The dataflow is also a definition by name
/// (<see cref="DefinitionName"/>, its argument whether to capture the output), which every cluster member registers,
/// so that <c>bench --cluster</c> deploys the same dataflow on members.
/// </summary>
internal abstract class BenchWorkload
{
    /// <summary>The workload's name on the command line.</summary>
    public abstract string Name { get; }

    /// <summary>The dataflow's name, and the name of its definition on cluster members.</summary>
    public string DefinitionName => $"bench-{Name}";

    /// <summary>Builds the dataflow in <paramref name="scope"/>; with <paramref name="capture"/> its output is recorded so that answers can be read.</summary>
    public abstract BenchHandles Build(Scope<long> scope, bool capture);

    /// <summary>The answer for the edge multiset <paramref name="edges"/>, computed from scratch with LINQ.</summary>
    public abstract Dictionary<long, long> Recompute(IEnumerable<(int Src, int Dst)> edges);

    /// <summary>Builds and deploys the dataflow on <paramref name="engine"/>'s node.</summary>
    public Task<Dataflow<BenchHandles>> DeployAsync(DifferentialEngine engine, int buckets, bool capture) =>
        engine.BuildAsync((Scope<long> scope) => Build(scope, capture), buckets, DefinitionName);

    /// <summary>Registers the dataflow as a definition named <see cref="DefinitionName"/>.</summary>
    public DataflowDefinition<long, bool, BenchHandles> Register(DifferentialEngine engine) =>
        engine.Register<long, bool, BenchHandles>(DefinitionName, Build);

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
    /// The handles of a dataflow of one edge input whose output, <paramref name="counts"/> of the edges, has one
    /// <c>(key, count)</c> record per key: the shape of hello and degrees.
    /// </summary>
    protected static BenchHandles Counts<TKey>(
        Scope<long> scope,
        bool capture,
        Func<Collection<(int Src, int Dst), long, long>, Collection<(TKey Key, long Count), long, long>> counts,
        Func<TKey, long> key)
        where TKey : notnull
    {
        var (input, edges) = scope.NewCollection<(int Src, int Dst)>();
        var output = counts(edges);
        var probe = output.Probe();
        var captured = capture ? output.Capture() : null;
        return new BenchHandles(input, probe, static () => { },
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

/// <summary>What a workload's dataflow gives the runner: its edge input, the probe on its output, and how to read its answer.</summary>
/// <param name="Edges">The edge input.</param>
/// <param name="Probe">The probe on the output: a round is done when it passes the round's last time.</param>
/// <param name="Start">Feeds the workload's other inputs (bfs: the root) at time 0 and closes them.</param>
/// <param name="AnswerAt">The output at a time, once passed; null unless built with capture.</param>
internal sealed record BenchHandles(
    InputSession<(int Src, int Dst), long, long> Edges,
    ProbeHandle<long> Probe,
    Action Start,
    Func<long, Task<Dictionary<long, long>>>? AnswerAt);
