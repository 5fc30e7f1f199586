using AkkaDifferential.Operators.Capture;
using AkkaDifferential.Operators.Collections;
using AkkaDifferential.Operators.Dataflows;
using AkkaDifferential.Operators.Inputs;
using AkkaDifferential.Operators.Probes;
using AkkaDifferential.Operators.Reduce;

namespace AkkaDifferential.Host.Benchmarks;

/// <summary>
/// Upstream's <c>hello</c> example: the out-degree distribution, <c>edges.Map(src).Count().Map(count).Count()</c>
/// — for each degree, how many nodes have it. The answer maps degree → nodes.
/// </summary>
internal sealed class HelloWorkload : BenchWorkload
{
    /// <inheritdoc/>
    public override string Name => "hello";

    /// <inheritdoc/>
    public override async Task<DeployedWorkload> DeployAsync(DifferentialEngine engine, int buckets, bool capture)
    {
        var dataflow = await engine.BuildAsync((Scope<long> scope) => Build(scope, capture), buckets, "bench-hello");
        var (edges, probe, output) = dataflow.Handles;
        return new DeployedWorkload(dataflow, dataflow.Metrics, edges, probe, static () => { },
            output is null ? null : async time => ToAnswer(await output.CollectionAt(time), static d => d, static n => n));
    }

    /// <inheritdoc/>
    public override Dictionary<long, long> Recompute(IEnumerable<(int Src, int Dst)> edges) =>
        edges.CountBy(static e => e.Src).CountBy(static degree => (long)degree.Value).ToDictionary(static kv => kv.Key, static kv => (long)kv.Value);

    private static (InputSession<(int Src, int Dst), long, long>, ProbeHandle<long>, CaptureHandle<(long Key, long Count), long, long>?) Build(Scope<long> scope, bool capture)
    {
        var (input, edges) = scope.NewCollection<(int Src, int Dst)>();
        var distribution = edges
            .Map(static edge => edge.Src)
            .Count()
            .Map(static degree => degree.Count)
            .Count();
        return (input, distribution.Probe(), capture ? distribution.Capture() : null);
    }
}
