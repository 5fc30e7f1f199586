using AkkaDifferential.Host.Examples;

namespace AkkaDifferential.Host.Benchmarks;

/// <summary>
/// Upstream's <c>hello</c> example: the out-degree distribution, <c>edges.Map(src).Count().Map(count).Count()</c>
/// — for each degree, how many nodes have it (the dataflow of the <c>degrees</c> command). The answer maps
/// degree → nodes.
/// </summary>
internal sealed class HelloWorkload : BenchWorkload
{
    /// <inheritdoc/>
    public override string Name => "hello";

    /// <inheritdoc/>
    public override BenchHandles Build(Scope<long> scope, bool capture) =>
        Counts(scope, capture, DegreesExample.Distribution, static degree => degree);

    /// <inheritdoc/>
    public override Dictionary<long, long> Recompute(IEnumerable<(int Src, int Dst)> edges) =>
        edges.CountBy(static e => e.Src).CountBy(static degree => (long)degree.Value).ToDictionary(static kv => kv.Key, static kv => (long)kv.Value);
}
