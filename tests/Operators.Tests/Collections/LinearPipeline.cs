using System.Collections.Concurrent;

namespace AkkaDifferential.Operators.Tests.Collections;

/// <summary>
/// A dataflow that uses every linear operator (Map, FlatMap, Filter, Negate, Concat, Concatenate, Consolidate,
/// Inspect, InspectBatch) and the same computation written as LINQ over a multiset, for comparison.
/// </summary>
internal static class LinearPipeline
{
    public sealed record Handles<TTime>(
        InputSession<int, TTime, long> Input,
        CaptureHandle<int, TTime, long> Capture,
        ProbeHandle<TTime> Probe,
        ConcurrentQueue<Update<int, TTime, long>> Inspected) where TTime : notnull;

    public static Handles<TTime> Build<TTime>(Scope<TTime> scope) where TTime : notnull
    {
        var inspected = new ConcurrentQueue<Update<int, TTime, long>>();
        var batches = 0;
        var (input, numbers) = scope.NewCollection<int>();
        var scaled = numbers.Map(x => x * 3 % 17);
        var even = scaled.Filter(x => x % 2 == 0);
        var pairs = numbers.FlatMap(x => new[] { x, x + 1 });
        var difference = even.Concat(pairs.Negate());
        var all = scope.Concatenate([difference, scaled, numbers.Map(x => x + 100)])
            .Consolidate()
            .InspectBatch(_ => Interlocked.Increment(ref batches))
            .Inspect(inspected.Enqueue);
        return new Handles<TTime>(input, all.Capture(), all.Probe(), inspected);
    }

    /// <summary>The pipeline's result on a multiset given as record → multiplicity.</summary>
    public static Dictionary<int, long> Expected(IReadOnlyDictionary<int, long> input)
    {
        var rows = input.Where(kv => kv.Value != 0).Select(kv => (Data: kv.Key, Diff: kv.Value)).ToList();
        var scaled = rows.Select(r => (Data: r.Data * 3 % 17, r.Diff)).ToList();
        var even = scaled.Where(r => r.Data % 2 == 0);
        var pairs = rows.SelectMany(r => new[] { (Data: r.Data, r.Diff), (Data: r.Data + 1, r.Diff) });
        var difference = even.Concat(pairs.Select(r => (r.Data, Diff: -r.Diff)));
        var all = difference.Concat(scaled).Concat(rows.Select(r => (Data: r.Data + 100, r.Diff)));
        return all.GroupBy(r => r.Data)
            .Select(g => (g.Key, Sum: g.Sum(r => r.Diff)))
            .Where(g => g.Sum != 0)
            .ToDictionary(g => g.Key, g => g.Sum);
    }
}
