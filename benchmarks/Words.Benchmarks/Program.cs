using AkkaDifferential.Arrangements.Trace.Columns;
using AkkaDifferential.Words.Benchmarks;

// A word count's arrangement loaded with English-like text (EnglishLikeText: Zipfian tokens over a vocabulary of
// English-like words), with plain string keys and with Huffman-encoded keys where they pay (KeyEncoding.Auto, the
// default layout), trials alternating, in one process. Usage: [--rounds R] [--tokens-per-round N] [--vocabulary V]
// [--trials T]; prints each trial, then the medians and the ratios of the encoded run to the plain one.
var rounds = ArgValue("--rounds", 100);
var perRound = ArgValue("--tokens-per-round", 20_000);
var vocabularySize = ArgValue("--vocabulary", 100_000);
var trials = ArgValue("--trials", 3);
var text = new EnglishLikeText(vocabularySize, seed: 13);
Console.WriteLine($"{rounds} rounds x {perRound:N0} tokens = {(long)rounds * perRound:N0} words over a vocabulary of {vocabularySize:N0}; {trials} trials each, alternating; {Environment.ProcessorCount} cores");
var results = new Dictionary<KeyEncoding, List<WordCountResult>> { [KeyEncoding.Plain] = [], [KeyEncoding.Auto] = [] };
// One short warm-up of each, then the trials in turn.
foreach (var encoding in results.Keys)
    WordCountRun.Run(text, encoding, Math.Min(rounds, 5), perRound, seed: 1);
for (var trial = 0; trial < trials; trial++)
    foreach (var encoding in trial % 2 == 0 ? new[] { KeyEncoding.Plain, KeyEncoding.Auto } : [KeyEncoding.Auto, KeyEncoding.Plain])
    {
        var result = WordCountRun.Run(text, encoding, rounds, perRound, seed: 7);
        results[encoding].Add(result);
        Print($"trial {trial} {encoding,-5}", result);
    }
var plain = results[KeyEncoding.Plain];
var auto = results[KeyEncoding.Auto];
if (plain[0].Checksum != auto[0].Checksum || plain[0].DistinctKeys != auto[0].DistinctKeys)
    throw new InvalidOperationException("The two layouts read different counts.");
Console.WriteLine("medians, encoded / plain:");
Ratio("load s", r => r.LoadSeconds);
Ratio("round median ms", r => Percentile(r.RoundMilliseconds, 0.5));
Ratio("round p99 ms", r => Percentile(r.RoundMilliseconds, 0.99));
Ratio("column bytes after the load", r => r.ColumnBytes);
Ratio("heap bytes after the load", r => r.HeapBytes);
Ratio("column bytes compacted", r => r.SettledColumnBytes);
Ratio("key column bytes compacted", r => r.SettledKeyBytes);
Ratio("heap bytes compacted", r => r.SettledHeapBytes);

void Ratio(string name, Func<WordCountResult, double> figure)
{
    var (p, a) = (Median(plain.Select(figure)), Median(auto.Select(figure)));
    Console.WriteLine($"  {name,-28} plain {p,14:N2}  encoded {a,14:N2}  ratio {a / p:F3}");
}

static void Print(string label, WordCountResult r) => Console.WriteLine(
    $"{label}: load {r.LoadSeconds:F2} s, rounds median {Percentile(r.RoundMilliseconds, 0.5):F2} ms p99 {Percentile(r.RoundMilliseconds, 0.99):F2} ms, " +
    $"{r.DistinctKeys:N0} keys, columns {r.ColumnBytes:N0} B, heap {r.HeapBytes:N0} B ({r.EncodedBatches}/{r.Batches} batches encoded); " +
    $"compacted: columns {r.SettledColumnBytes:N0} B (keys {r.SettledKeyBytes:N0} B), heap {r.SettledHeapBytes:N0} B");

static double Median(IEnumerable<double> values) => Percentile([.. values], 0.5);

static double Percentile(double[] values, double p)
{
    var sorted = values.Order().ToArray();
    return sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}

int ArgValue(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1]) : fallback;
}
