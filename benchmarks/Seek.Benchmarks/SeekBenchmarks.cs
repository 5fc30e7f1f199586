using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Arrangements.Trace.Hashed;
using BenchmarkDotNet.Attributes;

namespace AkkaDifferential.Seek.Benchmarks;

/// <summary>
/// Seeks of a <see cref="TraceKeyReader{TKey, TVal, TTime, TDiff}"/> into one batch of <see cref="Keys"/> keys, each
/// with one value and one update (the even numbers below <c>2 · Keys</c>, so odd keys are absent), in each key layout:
/// the ordered batch is searched by galloping from the last key found, the hashed one probed at the key's slot.
/// Random seeks come in no order, as keys do when one side's batch is hashed and the other's ordered, or when a reader
/// starts over; sorted seeks come in the batch's own order, as a join reads the keys of a new batch of the same
/// layout: a few (<see cref="Probes"/> spread over the batch: a round's batch) or all of them (a load's). Each figure
/// is per seek (the reader's <c>Sum</c>, which finds the key and adds its differences).
/// </summary>
[MemoryDiagnoser]
public class SeekBenchmarks
{
    /// <summary>The keys of the batch.</summary>
    public const int Keys = 1 << 20;

    /// <summary>The seeks of the random and sparse sorted benchmarks.</summary>
    public const int Probes = 4096;

    private TraceBatch<long, long, long, long>[] batch = [];
    private long[] randomPresent = [];
    private long[] randomAbsent = [];
    private long[] sortedSparse = [];
    private long[] sortedAll = [];

    /// <summary>The layout of the batch.</summary>
    [Params(KeyLayout.Ordered, KeyLayout.Hashed)]
    public KeyLayout Layout { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var builder = new TraceBatchBuilder<long, long, long, long>(Layout, Keys);
        for (long key = 0; key < Keys; key++)
            builder.Push(2 * key, key, 0, 1);
        var min = Antichain<long>.From(0);
        batch = [builder.Seal(new Description<long>(min, Antichain<long>.From(1), min))];
        var random = new Random(13);
        randomPresent = new long[Probes];
        randomAbsent = new long[Probes];
        for (var i = 0; i < Probes; i++)
        {
            randomPresent[i] = 2L * random.Next(Keys);
            randomAbsent[i] = 2L * random.Next(Keys) + 1;
        }
        sortedAll = batch[0].Keys.ToArray();
        sortedSparse = new long[Probes];
        for (var i = 0; i < Probes; i++)
            sortedSparse[i] = sortedAll[(int)((long)i * Keys / Probes) + random.Next(Keys / Probes)];
        if (Sum(randomPresent) != Probes || Sum(randomAbsent) != 0 || Sum(sortedSparse) != Probes || Sum(sortedAll) != Keys)
            throw new InvalidOperationException($"The {Layout} batch does not hold the keys it was built with.");
    }

    [Benchmark(OperationsPerInvoke = Probes)]
    public long RandomPresent() => Sum(randomPresent);

    [Benchmark(OperationsPerInvoke = Probes)]
    public long RandomAbsent() => Sum(randomAbsent);

    [Benchmark(OperationsPerInvoke = Probes)]
    public long SortedSparse() => Sum(sortedSparse);

    [Benchmark(OperationsPerInvoke = Keys)]
    public long SortedAll() => Sum(sortedAll);

    /// <summary>One reader, as a join makes per new batch, seeking every key in turn.</summary>
    private long Sum(long[] keys)
    {
        var reader = new TraceKeyReader<long, long, long, long>(batch);
        long sum = 0;
        foreach (var key in keys)
            sum += reader.Sum(key);
        return sum;
    }
}
