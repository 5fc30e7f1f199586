using AkkaDifferential.Host.Examples;

namespace AkkaDifferential.Host.Benchmarks;

/// <summary>The out-degree of every node, <c>edges.Map(src).Count()</c>: the first half of <c>hello</c>. The answer maps node → degree.</summary>
internal sealed class DegreesWorkload : BenchWorkload
{
    /// <inheritdoc/>
    public override string Name => "degrees";

    /// <inheritdoc/>
    public override BenchHandles Build(Scope<long> scope, bool capture) =>
        Counts(scope, capture, DegreesExample.OutDegrees, static node => node);

    /// <inheritdoc/>
    public override Dictionary<long, long> Recompute(IEnumerable<(int Src, int Dst)> edges) =>
        edges.CountBy(static e => e.Src).ToDictionary(static kv => (long)kv.Key, static kv => (long)kv.Value);
}
