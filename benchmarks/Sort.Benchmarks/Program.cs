using System.Diagnostics;
using AkkaDifferential.Arrangements.Data;
using AkkaDifferential.Arrangements.Trace;

// Sorting the rows of a batch by (key, val, time): RowRadixSort beside SpanSort on the same rows, in the same run,
// trials alternating. Rows are (key, val, time, diff) with int or long keys and values, long times and differences;
// keys drawn from a range a quarter of the batch (many updates per key, like the edges of a graph keyed by node) or
// four times it (about one update per key), values from a wide range, a few distinct times. Usage:
// [--trials T] [--rows N,N,...]; prints per workload the median nanoseconds per row of each and their ratio.
var trials = ArgValue("--trials", 9);
var sizes = ArgList("--rows", [64, 128, 256, 512, 1024, 4096, 65_536, 1 << 20]);
Console.WriteLine($"{trials} trials per sort and size, alternating; {Environment.ProcessorCount} cores");
foreach (var size in sizes)
    foreach (var spread in new[] { 0.25, 4.0 })
    {
        Measure<int, int>(size, spread, static r => r.Next(), static (k, v) => (k, (int)v));
        Measure<long, long>(size, spread, static r => r.NextInt64(), static (k, v) => (k, v));
    }

void Measure<TKey, TVal>(int size, double spread, Func<Random, long> draw, Func<int, long, (TKey, TVal)> make)
{
    var random = new Random(size);
    var keyRange = Math.Max(1, (int)(size * spread));
    var input = new TraceRow<TKey, TVal, long, long>[size];
    for (var i = 0; i < size; i++)
    {
        var (key, val) = make(random.Next(keyRange), draw(random));
        input[i] = new(key, val, random.Next(4), 1);
    }
    var work = new TraceRow<TKey, TVal, long, long>[size];
    var order = new TraceRowOrder<TKey, TVal, long, long>();
    // The same rows sorted both ways must agree before anything is timed.
    var expected = input.ToArray();
    SpanSort.Sort(expected.AsSpan(), order);
    input.CopyTo(work, 0);
    RowRadixSort.Sort(work.AsSpan());
    for (var i = 0; i < size; i++)
        if (order.Compare(expected[i], work[i]) != 0)
            throw new InvalidOperationException($"The radix sort disagrees at row {i} of {size}.");
    var repeats = Math.Max(1, 4_000_000 / size);
    var comparison = new List<double>();
    var radix = new List<double>();
    for (var trial = -2; trial < trials; trial++)
    {
        var c = Time(() => SpanSort.Sort(work.AsSpan(), order));
        var r = Time(() => RowRadixSort.Sort(work.AsSpan()));
        if (trial < 0)
            continue;
        comparison.Add(c);
        radix.Add(r);
    }
    var cm = Median(comparison);
    var rm = Median(radix);
    Console.WriteLine($"{typeof(TKey).Name,-6} {size,9:N0} rows, keys over {spread,4}x: comparison {cm,7:F1} ns/row, radix {rm,7:F1} ns/row, radix/comparison {rm / cm:F2}");

    double Time(Action sort)
    {
        var clock = new Stopwatch();
        for (var i = 0; i < repeats; i++)
        {
            input.CopyTo(work, 0);
            clock.Start();
            sort();
            clock.Stop();
        }
        return clock.Elapsed.TotalNanoseconds / repeats / size;
    }
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

int ArgValue(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1]) : fallback;
}

int[] ArgList(string name, int[] fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? [.. args[at + 1].Split(',').Select(int.Parse)] : fallback;
}
