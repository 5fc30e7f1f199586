using AkkaDifferential.Operators.Capture;
using AkkaDifferential.Operators.Collections;
using AkkaDifferential.Operators.Dataflows;
using AkkaDifferential.Operators.Inputs;
using AkkaDifferential.Operators.Probes;
using AkkaDifferential.Operators.Reduce;

namespace AkkaDifferential.Host.Benchmarks;

/// <summary>The out-degree of every node, <c>edges.Map(src).Count()</c>: the first half of <c>hello</c>. The answer maps node → degree.</summary>
internal sealed class DegreesWorkload : BenchWorkload
{
    /// <inheritdoc/>
    public override string Name => "degrees";

    /// <inheritdoc/>
    public override async Task<DeployedWorkload> DeployAsync(DifferentialEngine engine, int buckets, bool capture)
    {
        var dataflow = await engine.BuildAsync((Scope<long> scope) => Build(scope, capture), buckets, "bench-degrees");
        var (edges, probe, output) = dataflow.Handles;
        return new DeployedWorkload(dataflow, dataflow.Metrics, edges, probe, static () => { },
            output is null ? null : async time => ToAnswer(await output.CollectionAt(time), static node => node, static degree => degree));
    }

    /// <inheritdoc/>
    public override Dictionary<long, long> Recompute(IEnumerable<(int Src, int Dst)> edges) =>
        edges.CountBy(static e => e.Src).ToDictionary(static kv => (long)kv.Key, static kv => (long)kv.Value);

    private static (InputSession<(int Src, int Dst), long, long>, ProbeHandle<long>, CaptureHandle<(int Key, long Count), long, long>?) Build(Scope<long> scope, bool capture)
    {
        var (input, edges) = scope.NewCollection<(int Src, int Dst)>();
        var degrees = edges.Map(static edge => edge.Src).Count();
        return (input, degrees.Probe(), capture ? degrees.Capture() : null);
    }
}
