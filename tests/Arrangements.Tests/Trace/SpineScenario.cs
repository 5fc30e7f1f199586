using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Arrangements.Trace.Columns;
using CsCheck;

namespace AkkaDifferential.Arrangements.Tests.Trace;

/// <summary>
/// A random history for a spine: updates, a chain of upper frontiers that splits them into contiguous batches (each
/// update lands in the batch whose interval holds its time), and the fuel of the <see cref="Spine{TKey, TVal, TTime, TDiff}.Work"/>
/// calls made after each insertion.
/// </summary>
internal sealed record SpineScenario<TVal, TTime>(ModelUpdate<TVal, TTime>[] Updates, int[][] Chain, int[][] Fuel, int Effort)
    where TTime : notnull
{
    public static Gen<SpineScenario<TVal, TTime>> Gen(Gen<TVal> vals, TimeDomain<TTime> domain, int maxUpdates, int maxBatches) =>
        CsCheck.Gen.Select(
            TraceModel.Updates(vals, domain, maxUpdates),
            TraceModel.Chain(domain, maxBatches),
            CsCheck.Gen.Int[0, 40].Array[0, 3].Array[1, 8],
            CsCheck.Gen.Int[0, 2],
            (updates, chain, fuel, effort) => new SpineScenario<TVal, TTime>(updates, chain, fuel, effort));

    /// <summary>
    /// A spine paying the default merge work per insertion (effort 2), one unit per update (1), or nothing (0), in
    /// which case merges advance only through <c>Work</c> and the spine's forced completions; composite (its merges
    /// route settled updates to base parts) when <paramref name="composite"/>, else as the process's layout says.
    /// </summary>
    public Spine<int, TVal, TTime, long> NewSpine(bool composite = false) => Effort switch
    {
        2 => new Spine<int, TVal, TTime, long>(Spine<int, TVal, TTime, long>.FuelPerUpdate, Spine<int, TVal, TTime, long>.MinimumFuel, TraceLayout.Keys, composite || TraceLayout.Composite),
        1 => new Spine<int, TVal, TTime, long>(1, 0, TraceLayout.Keys, composite || TraceLayout.Composite),
        _ => new Spine<int, TVal, TTime, long>(0, 0, TraceLayout.Keys, composite || TraceLayout.Composite),
    };

    public int BatchCount => Chain.Length - 1;

    /// <summary>The updates of batch <paramref name="j"/>.</summary>
    public List<ModelUpdate<TVal, TTime>> UpdatesOf(TimeDomain<TTime> domain, int j)
    {
        var list = new List<ModelUpdate<TVal, TTime>>();
        foreach (var u in Updates)
            if (TraceModel.BatchOf(Chain, OuterOf(u.Time), InnerOf(u.Time)) == j)
                list.Add(u);
        return list;
    }

    public Antichain<TTime> Upper(TimeDomain<TTime> domain, int j) => domain.Frontier(Chain[j + 1]);

    private static int OuterOf(TTime time) => time switch
    {
        long => 0,
        Product<long, int> p => (int)p.Outer,
        _ => throw new NotSupportedException(),
    };

    private static int InnerOf(TTime time) => time switch
    {
        long l => (int)l,
        Product<long, int> p => p.Inner,
        _ => throw new NotSupportedException(),
    };

    public override string ToString() =>
        $"{Updates.Length} updates [{string.Join(", ", Updates)}], chain [{string.Join(" | ", Chain.Select(h => string.Join(",", h)))}], fuel [{string.Join(" | ", Fuel.Select(f => string.Join(",", f)))}], effort {Effort}";
}
