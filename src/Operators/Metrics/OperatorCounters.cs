using AkkaDifferential.Operators.Builder;
using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Operators.Metrics;

/// <summary>
/// The counters of one operator of a deployed dataflow, written by its instances (one per bucket) and read by
/// snapshots, the meter and <c>Describe</c> from any thread. Instances add to them once per batch or frontier change,
/// never per record; each bucket writes only its own slots of the arrangement sizes and frontiers.
/// </summary>
internal sealed class OperatorCounters
{
    private readonly long[] keys;
    private readonly long[] updates;
    private readonly long[] batches;
    private readonly (long Lag, string? HeldBy)[] compaction;
    private readonly FlatTime[]?[][] frontiers;
    private long recordsIn;
    private long batchesIn;
    private long recordsOut;
    private long batchesOut;
    private bool arranged;

    public OperatorCounters(OperatorNode node, int buckets)
    {
        Index = node.Index;
        Name = node.Name;
        Kind = node.Kind;
        Inputs = [.. node.Inputs.Select(source => source.Operator)];
        IsInput = node.Kind == "Input";
        keys = new long[buckets];
        updates = new long[buckets];
        batches = new long[buckets];
        compaction = new (long, string?)[buckets];
        // An input session reports its time in the one slot of its one port.
        frontiers = [.. Enumerable.Range(0, buckets).Select(_ => new FlatTime[]?[Math.Max(node.Inputs.Count, 1)])];
    }

    /// <summary>The operator's index in its dataflow.</summary>
    public int Index { get; }

    /// <summary>The operator's name.</summary>
    public string Name { get; }

    /// <summary>The operator's kind (<c>Map</c>, <c>Join</c>, …).</summary>
    public string Kind { get; }

    /// <summary>The operators whose outputs feed this operator's inputs, one per input port.</summary>
    public IReadOnlyList<int> Inputs { get; }

    /// <summary>True for an input session's operator, whose frontier is the session's time.</summary>
    public bool IsInput { get; }

    /// <summary>A batch of <paramref name="count"/> updates arrived at an instance.</summary>
    public void Received(int count)
    {
        Interlocked.Add(ref recordsIn, count);
        Interlocked.Increment(ref batchesIn);
    }

    /// <summary>A batch of <paramref name="count"/> updates left an output port (counted once, whatever its consumers).</summary>
    public void Sent(int count)
    {
        Interlocked.Add(ref recordsOut, count);
        Interlocked.Increment(ref batchesOut);
    }

    /// <summary>
    /// The trace at <paramref name="bucket"/> now holds these many keys, updates and batches, and its compaction
    /// frontier trails its upper by <paramref name="compactionLag"/>, held there by <paramref name="heldBy"/>.
    /// </summary>
    public void Arrangement(int bucket, long keyCount, long updateCount, long batchCount, long compactionLag, string? heldBy)
    {
        Volatile.Write(ref keys[bucket], keyCount);
        Volatile.Write(ref updates[bucket], updateCount);
        Volatile.Write(ref batches[bucket], batchCount);
        lock (compaction)
            compaction[bucket] = (compactionLag, heldBy);
        Volatile.Write(ref arranged, true);
    }

    /// <summary>The frontier of input <paramref name="port"/> at <paramref name="bucket"/> (an input session: its time) changed.</summary>
    public void Frontier(int bucket, int port, FlatTime[] frontier) => Volatile.Write(ref frontiers[bucket][port], frontier);

    /// <summary>Records in, batches in, records out, batches out, so far.</summary>
    public (long RecordsIn, long BatchesIn, long RecordsOut, long BatchesOut) Flow =>
        (Interlocked.Read(ref recordsIn), Interlocked.Read(ref batchesIn), Interlocked.Read(ref recordsOut), Interlocked.Read(ref batchesOut));

    /// <summary>The size of the operator's trace summed over its buckets, or null for an operator without one.</summary>
    public ArrangementSize? Size()
    {
        if (!Volatile.Read(ref arranged))
            return null;
        long k = 0, u = 0, b = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            k += Volatile.Read(ref keys[i]);
            u += Volatile.Read(ref updates[i]);
            b += Volatile.Read(ref batches[i]);
        }
        (long Lag, string? HeldBy) most = default;
        lock (compaction)
            foreach (var bucket in compaction)
                if (bucket.Lag > most.Lag)
                    most = bucket;
        return new ArrangementSize(k, u, b, most.Lag, most.HeldBy);
    }

    /// <summary>
    /// The operator's frontier, the minimal times of its inputs' frontiers over every bucket (an input session: its
    /// time; empty once closed), or null while no instance has reported one (linear operators are not told theirs).
    /// </summary>
    public List<FlatTime>? Frontier()
    {
        List<FlatTime>? times = null;
        foreach (var bucket in frontiers)
            for (var port = 0; port < bucket.Length; port++)
                if (Volatile.Read(ref bucket[port]) is { } frontier)
                {
                    times ??= [];
                    foreach (var time in frontier)
                        Insert(times, time);
                }
        return times;
    }

    /// <summary>
    /// Adds <paramref name="time"/> to the antichain <paramref name="times"/> unless a time there is at or before it
    /// (times of another depth, which only a malformed report could mix in, are not compared).
    /// </summary>
    private static void Insert(List<FlatTime> times, FlatTime time)
    {
        if (times.Exists(t => t.Length == time.Length && FlatTime.LessEqual(t, time)))
            return;
        times.RemoveAll(t => t.Length == time.Length && FlatTime.LessEqual(time, t));
        times.Add(time);
    }
}
