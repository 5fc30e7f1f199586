namespace AkkaDifferential.Operators.Tests.Keyed;

/// <summary>
/// One dataflow exercising every keyed operator — join, semijoin, antijoin, reduce with non-linear logic (min and
/// top-2), count, distinct, threshold — and the same computations as LINQ over multisets, for comparison.
/// </summary>
internal static class KeyedPipeline
{
    public sealed record Handles<TTime>(
        InputSession<(int Key, int Value), TTime, long> Pairs,
        InputSession<(int Key, int Value), TTime, long> Others,
        InputSession<int, TTime, long> Keys,
        IReadOnlyDictionary<string, CaptureHandle<string, TTime, long>> Outputs,
        ProbeHandle<TTime> Probe) where TTime : notnull;

    public static Handles<TTime> Build<TTime>(Scope<TTime> scope) where TTime : notnull
    {
        var (pairsInput, pairs) = scope.NewCollection<(int Key, int Value)>();
        var (othersInput, others) = scope.NewCollection<(int Key, int Value)>();
        var (keysInput, keys) = scope.NewCollection<int>();
        var outputs = new Dictionary<string, Collection<string, TTime, long>>
        {
            ["join"] = pairs.Join(others).Map(r => $"{r.Key}:{r.Value.Item1}:{r.Value.Item2}"),
            ["semijoin"] = pairs.Semijoin(keys).Map(r => $"{r.Key}:{r.Value}"),
            ["antijoin"] = pairs.Antijoin(keys.Distinct()).Map(r => $"{r.Key}:{r.Value}"),
            ["min"] = pairs.Reduce<int, int, int, TTime, long>((_, input, output) => output.Add((input[0].Value, 1))).Map(r => $"{r.Key}:{r.Value}"),
            ["top2"] = pairs.Reduce<int, int, int, TTime, long>((_, input, output) =>
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
            ["count"] = keys.Count().Map(r => $"{r.Key}:{r.Count}"),
            ["distinct"] = keys.Distinct().Map(k => $"{k}"),
            ["threshold"] = keys.Threshold((_, count) => count >= 2 ? count - 1 : 0L).Map(k => $"{k}"),
        };
        var all = scope.Concatenate(outputs.Values);
        return new Handles<TTime>(pairsInput, othersInput, keysInput, outputs.ToDictionary(kv => kv.Key, kv => kv.Value.Capture()), all.Probe());
    }

    /// <summary>Every output's expected contents given the accumulated inputs (record → multiplicity).</summary>
    public static Dictionary<string, Dictionary<string, long>> Expected(
        IReadOnlyDictionary<(int Key, int Value), long> pairs,
        IReadOnlyDictionary<(int Key, int Value), long> others,
        IReadOnlyDictionary<int, long> keys)
    {
        var p = pairs.Where(kv => kv.Value != 0).ToList();
        var o = others.Where(kv => kv.Value != 0).ToList();
        var k = keys.Where(kv => kv.Value != 0).ToList();
        var distinctKeys = k.Where(kv => kv.Value > 0).Select(kv => kv.Key).ToHashSet();
        var byKey = p.GroupBy(kv => kv.Key.Key).ToList();
        return new()
        {
            ["join"] = Sum(from a in p join b in o on a.Key.Key equals b.Key.Key select ($"{a.Key.Key}:{a.Key.Value}:{b.Key.Value}", a.Value * b.Value)),
            ["semijoin"] = Sum(from a in p join b in k on a.Key.Key equals b.Key select ($"{a.Key.Key}:{a.Key.Value}", a.Value * b.Value)),
            ["antijoin"] = Sum(p.Where(a => !distinctKeys.Contains(a.Key.Key)).Select(a => ($"{a.Key.Key}:{a.Key.Value}", a.Value))),
            ["min"] = Sum(byKey.Select(g => ($"{g.Key}:{g.Min(kv => kv.Key.Value)}", 1L))),
            ["top2"] = Sum(byKey.SelectMany(g => g.Where(kv => kv.Value > 0).Select(kv => kv.Key.Value).OrderDescending().Take(2).Select(v => ($"{g.Key}:{v}", 1L)))),
            ["count"] = Sum(k.Select(kv => ($"{kv.Key}:{kv.Value}", 1L))),
            ["distinct"] = Sum(k.Where(kv => kv.Value > 0).Select(kv => ($"{kv.Key}", 1L))),
            ["threshold"] = Sum(k.Where(kv => kv.Value >= 2).Select(kv => ($"{kv.Key}", kv.Value - 1))),
        };
    }

    private static Dictionary<string, long> Sum(IEnumerable<(string Record, long Diff)> rows) =>
        rows.GroupBy(r => r.Record).Select(g => (g.Key, Sum: g.Sum(r => r.Diff))).Where(g => g.Sum != 0).ToDictionary(g => g.Key, g => g.Sum);
}
