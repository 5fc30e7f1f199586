namespace AkkaDifferential.Operators.Tests.Keyed;

/// <summary>
/// One dataflow exercising every keyed operator — join, left join, semijoin, antijoin, reduce with non-linear logic
/// (min and top-2, their types inferred), the built-in reductions min, max, sum and top-k, count, distinct,
/// threshold, an arrangement read back as a collection, joins and reductions of arrangements in the hashed key layout
/// (and a join of a hashed with an ordered arrangement) — and the linear operators that change differences and
/// times (explode, delay, and a reduction of delayed updates), with the same computations as LINQ over multisets,
/// for comparison.
/// </summary>
internal static class KeyedPipeline
{
    public sealed record Handles<TTime>(
        InputSession<(int Key, int Value), TTime, long> Pairs,
        InputSession<(int Key, int Value), TTime, long> Others,
        InputSession<int, TTime, long> Keys,
        IReadOnlyDictionary<string, CaptureHandle<string, TTime, long>> Outputs,
        ProbeHandle<TTime> Probe) where TTime : notnull;

    /// <param name="scope">The dataflow's scope.</param>
    /// <param name="delay">The function the delay operator applies to times (never moving one back).</param>
    public static Handles<TTime> Build<TTime>(Scope<TTime> scope, Func<TTime, TTime> delay) where TTime : notnull
    {
        var (pairsInput, pairs) = scope.NewCollection<(int Key, int Value)>();
        var (othersInput, others) = scope.NewCollection<(int Key, int Value)>();
        var (keysInput, keys) = scope.NewCollection<int>();
        var delayed = pairs.Delay(delay);
        var hashedPairs = pairs.ArrangeByKey(layout: KeyLayout.Hashed);
        var outputs = new Dictionary<string, Collection<string, TTime, long>>
        {
            ["join"] = pairs.Join(others).Map(r => $"{r.Key}:{r.Value.Item1}:{r.Value.Item2}"),
            ["leftjoin"] = pairs.LeftJoin(others).Map(r => $"{r.Key}:{r.Value.Left}:{(r.Value.Right.HasValue ? r.Value.Right.Value : "none")}"),
            ["semijoin"] = pairs.Semijoin(keys).Map(r => $"{r.Key}:{r.Value}"),
            ["antijoin"] = pairs.Antijoin(keys.Distinct()).Map(r => $"{r.Key}:{r.Value}"),
            ["min"] = pairs.Reduce((_, input) => input[0].Value).Map(r => $"{r.Key}:{r.Value}"),
            ["top2"] = pairs.Reduce((_, input, output) =>
            {
                // The two largest values with positive multiplicity, each once.
                var taken = 0;
                for (var i = input.Length - 1; i >= 0 && taken < 2; i--)
                    if (input[i].Diff > 0)
                    {
                        output.Add((input[i].Value, 1));
                        taken++;
                    }
            }).Map(r => $"{r.Key}:{r.Value}"),
            ["builtin-min"] = pairs.Min().Map(r => $"{r.Key}:{r.Value}"),
            ["max"] = pairs.Max().Map(r => $"{r.Key}:{r.Value}"),
            ["sum"] = pairs.Sum().Map(r => $"{r.Key}:{r.Sum}"),
            ["topk"] = pairs.TopK(2).Map(r => $"{r.Key}:{r.Value}"),
            ["count"] = keys.Count().Map(r => $"{r.Key}:{r.Count}"),
            ["distinct"] = keys.Distinct().Map(k => $"{k}"),
            ["threshold"] = keys.Threshold((_, count) => count >= 2 ? count - 1 : 0L).Map(k => $"{k}"),
            ["ascollection"] = pairs.ArrangeByKey().AsCollection((key, value) => $"{key}:{value}"),
            ["hashed-join"] = hashedPairs.JoinCore(others.ArrangeByKey(layout: KeyLayout.Hashed), (key, a, b) => $"{key}:{a}:{b}"),
            ["mixed-join"] = hashedPairs.JoinCore(others.ArrangeByKey(layout: KeyLayout.Ordered), (key, a, b) => $"{key}:{a}:{b}"),
            ["hashed-min"] = hashedPairs.Reduce((_, input) => input[0].Value).Map(r => $"{r.Key}:{r.Value}"),
            ["hashed-count"] = keys.ArrangeBySelf(layout: KeyLayout.Hashed).ReduceCore<long, long>((_, input, output) => output.Add((input[0].Diff, 1L))).Map(r => $"{r.Key}:{r.Value}"),
            ["explode"] = pairs.Explode(p => new[] { (p.Key, 2L), (p.Value + 10, (long)p.Key - 1) }).Map(x => $"{x}"),
            ["delayed"] = delayed.Map(r => $"{r.Key}:{r.Value}"),
            ["delayed-max"] = delayed.Max().Map(r => $"{r.Key}:{r.Value}"),
        };
        var all = scope.Concatenate(outputs.Values);
        return new Handles<TTime>(pairsInput, othersInput, keysInput, outputs.ToDictionary(kv => kv.Key, kv => kv.Value.Capture()), all.Probe());
    }

    /// <summary>
    /// Every output's expected contents given the accumulated inputs (record → multiplicity), and the accumulated
    /// pairs whose delayed times have passed.
    /// </summary>
    public static Dictionary<string, Dictionary<string, long>> Expected(
        IReadOnlyDictionary<(int Key, int Value), long> pairs,
        IReadOnlyDictionary<(int Key, int Value), long> others,
        IReadOnlyDictionary<int, long> keys,
        IReadOnlyDictionary<(int Key, int Value), long> delayedPairs)
    {
        var p = pairs.Where(kv => kv.Value != 0).ToList();
        var o = others.Where(kv => kv.Value != 0).ToList();
        var k = keys.Where(kv => kv.Value != 0).ToList();
        var d = delayedPairs.Where(kv => kv.Value != 0).ToList();
        var distinctKeys = k.Where(kv => kv.Value > 0).Select(kv => kv.Key).ToHashSet();
        var rightKeys = o.Select(kv => kv.Key.Key).ToHashSet();
        var byKey = p.GroupBy(kv => kv.Key.Key).ToList();
        return new()
        {
            ["join"] = Sum(from a in p join b in o on a.Key.Key equals b.Key.Key select ($"{a.Key.Key}:{a.Key.Value}:{b.Key.Value}", a.Value * b.Value)),
            ["leftjoin"] = Sum((from a in p join b in o on a.Key.Key equals b.Key.Key select ($"{a.Key.Key}:{a.Key.Value}:{b.Key.Value}", a.Value * b.Value))
                .Concat(p.Where(a => !rightKeys.Contains(a.Key.Key)).Select(a => ($"{a.Key.Key}:{a.Key.Value}:none", a.Value)))),
            ["semijoin"] = Sum(from a in p join b in k on a.Key.Key equals b.Key select ($"{a.Key.Key}:{a.Key.Value}", a.Value * b.Value)),
            ["antijoin"] = Sum(p.Where(a => !distinctKeys.Contains(a.Key.Key)).Select(a => ($"{a.Key.Key}:{a.Key.Value}", a.Value))),
            ["min"] = Sum(byKey.Select(g => ($"{g.Key}:{g.Min(kv => kv.Key.Value)}", 1L))),
            ["top2"] = Sum(byKey.SelectMany(g => g.Where(kv => kv.Value > 0).Select(kv => kv.Key.Value).OrderDescending().Take(2).Select(v => ($"{g.Key}:{v}", 1L)))),
            ["builtin-min"] = Extreme(p, positive => positive.Min()),
            ["max"] = Extreme(p, positive => positive.Max()),
            ["sum"] = Sum(byKey.Select(g => ($"{g.Key}:{g.Sum(kv => (long)kv.Key.Value * kv.Value)}", 1L))),
            ["topk"] = Sum(byKey.SelectMany(g => TopRecords(g.Where(kv => kv.Value > 0).OrderByDescending(kv => kv.Key.Value), 2)
                .Select(r => ($"{g.Key}:{r.Value}", r.Count)))),
            ["count"] = Sum(k.Select(kv => ($"{kv.Key}:{kv.Value}", 1L))),
            ["distinct"] = Sum(k.Where(kv => kv.Value > 0).Select(kv => ($"{kv.Key}", 1L))),
            ["threshold"] = Sum(k.Where(kv => kv.Value >= 2).Select(kv => ($"{kv.Key}", kv.Value - 1))),
            ["ascollection"] = Sum(p.Select(a => ($"{a.Key.Key}:{a.Key.Value}", a.Value))),
            ["hashed-join"] = Sum(from a in p join b in o on a.Key.Key equals b.Key.Key select ($"{a.Key.Key}:{a.Key.Value}:{b.Key.Value}", a.Value * b.Value)),
            ["mixed-join"] = Sum(from a in p join b in o on a.Key.Key equals b.Key.Key select ($"{a.Key.Key}:{a.Key.Value}:{b.Key.Value}", a.Value * b.Value)),
            ["hashed-min"] = Sum(byKey.Select(g => ($"{g.Key}:{g.Min(kv => kv.Key.Value)}", 1L))),
            ["hashed-count"] = Sum(k.Select(kv => ($"{kv.Key}:{kv.Value}", 1L))),
            ["explode"] = Sum(p.SelectMany(a => new[] { ($"{a.Key.Key}", 2 * a.Value), ($"{a.Key.Value + 10}", (a.Key.Key - 1) * a.Value) })),
            ["delayed"] = Sum(d.Select(a => ($"{a.Key.Key}:{a.Key.Value}", a.Value))),
            ["delayed-max"] = Extreme(d, positive => positive.Max()),
        };
    }

    /// <summary>Per key, the value <paramref name="pick"/> chooses among the values with positive multiplicity, if any.</summary>
    private static Dictionary<string, long> Extreme(List<KeyValuePair<(int Key, int Value), long>> pairs, Func<IEnumerable<int>, int> pick) =>
        Sum(pairs.Where(kv => kv.Value > 0).GroupBy(kv => kv.Key.Key).Select(g => ($"{g.Key}:{pick(g.Select(kv => kv.Key.Value))}", 1L)));

    /// <summary>The first <paramref name="k"/> records of <paramref name="ordered"/>, counting multiplicities.</summary>
    private static IEnumerable<(int Value, long Count)> TopRecords(IEnumerable<KeyValuePair<(int Key, int Value), long>> ordered, long k)
    {
        foreach (var (record, count) in ordered)
        {
            if (k == 0)
                yield break;
            var taken = Math.Min(count, k);
            k -= taken;
            yield return (record.Value, taken);
        }
    }

    private static Dictionary<string, long> Sum(IEnumerable<(string Record, long Diff)> rows) =>
        rows.GroupBy(r => r.Record).Select(g => (g.Key, Sum: g.Sum(r => r.Diff))).Where(g => g.Sum != 0).ToDictionary(g => g.Key, g => g.Sum);
}
