using System.Buffers;

namespace AkkaDifferential.Operators.Exchange;

/// <summary>
/// Splits a batch into one batch per destination bucket. It keeps nothing per destination between calls — an idle
/// instance costs the same however many buckets its dataflow has — and allocates only the batches it sends, each
/// at its exact size: a first pass counts the records per destination, a second scatters them.
/// </summary>
/// <remarks>
/// The counts live in scratch of one array per thread (as many entries as buckets), which every call leaves zeroed
/// by resetting only the entries it touched: a call costs time in its records, never in the bucket count.
/// </remarks>
internal sealed class Partitioner<TData, TTime, TDiff>(int buckets)
{
    [ThreadStatic]
    private static int[]? scratch;

    private int roundRobin;

    /// <summary>Partitions by <paramref name="hash"/>; returns the non-empty parts as (bucket, batch), by bucket.</summary>
    public List<(int Bucket, UpdateBatch<TData, TTime, TDiff> Batch)> ByHash(UpdateBatch<TData, TTime, TDiff> batch, Func<TData, ulong> hash)
    {
        var count = batch.Count;
        if (count == 0)
            return [];
        if (buckets == 1)
            return [(0, batch)];
        var data = batch.Data;
        var destinations = ArrayPool<int>.Shared.Rent(count);
        var counts = Scratch(buckets);
        var touched = new List<int>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var bucket = StableHash.Bucket(hash(data[i]), buckets);
                destinations[i] = bucket;
                if (counts[bucket]++ == 0)
                    touched.Add(bucket);
            }
            // Every record to one bucket: the batch goes as it is.
            if (touched.Count == 1)
                return [(touched[0], batch)];
            touched.Sort();
            return Scatter(batch, destinations, counts, touched);
        }
        finally
        {
            foreach (var bucket in touched)
                counts[bucket] = 0;
            ArrayPool<int>.Shared.Return(destinations);
        }
    }

    /// <summary>Spreads the records evenly over the buckets, continuing where the last call stopped.</summary>
    public List<(int Bucket, UpdateBatch<TData, TTime, TDiff> Batch)> Evenly(UpdateBatch<TData, TTime, TDiff> batch)
    {
        var count = batch.Count;
        if (count == 0)
            return [];
        if (buckets == 1)
            return [(0, batch)];
        // Record i goes to bucket (start + i) mod buckets.
        var start = roundRobin;
        roundRobin = (int)((start + (long)count) % buckets);
        var parts = (int)Math.Min(count, buckets);
        var result = new List<(int, UpdateBatch<TData, TTime, TDiff>)>(parts);
        var data = batch.Data;
        var times = batch.Times;
        var diffs = batch.Diffs;
        for (var p = 0; p < parts; p++)
        {
            var size = count / buckets + (p < count % buckets ? 1 : 0);
            var (partData, partTimes, partDiffs) = (new TData[size], new TTime[size], new TDiff[size]);
            for (int i = p, j = 0; j < size; i += buckets, j++)
            {
                partData[j] = data[i];
                partTimes[j] = times[i];
                partDiffs[j] = diffs[i];
            }
            result.Add(((start + p) % buckets, new UpdateBatch<TData, TTime, TDiff>(partData, partTimes, partDiffs)));
        }
        result.Sort(static (a, b) => a.Item1.CompareTo(b.Item1));
        return result;
    }

    /// <summary>Copies each record to the part of its destination; <paramref name="touched"/> are the destinations, sorted.</summary>
    private static List<(int, UpdateBatch<TData, TTime, TDiff>)> Scatter(UpdateBatch<TData, TTime, TDiff> batch, int[] destinations, int[] counts, List<int> touched)
    {
        var parts = new (TData[] Data, TTime[] Times, TDiff[] Diffs)[touched.Count];
        for (var p = 0; p < parts.Length; p++)
        {
            var size = counts[touched[p]];
            parts[p] = (new TData[size], new TTime[size], new TDiff[size]);
            // From here on a destination's entry is the index of its part.
            counts[touched[p]] = p;
        }
        var cursors = new int[parts.Length];
        var data = batch.Data;
        var times = batch.Times;
        var diffs = batch.Diffs;
        for (var i = 0; i < batch.Count; i++)
        {
            var p = counts[destinations[i]];
            var at = cursors[p]++;
            parts[p].Data[at] = data[i];
            parts[p].Times[at] = times[i];
            parts[p].Diffs[at] = diffs[i];
        }
        var result = new List<(int, UpdateBatch<TData, TTime, TDiff>)>(parts.Length);
        for (var p = 0; p < parts.Length; p++)
            result.Add((touched[p], new UpdateBatch<TData, TTime, TDiff>(parts[p].Data, parts[p].Times, parts[p].Diffs)));
        return result;
    }

    /// <summary>This thread's zeroed scratch of at least <paramref name="length"/> counts.</summary>
    private static int[] Scratch(int length)
    {
        if (scratch is null || scratch.Length < length)
            scratch = new int[length];
        return scratch;
    }
}
