using AkkaDifferential.Arrangements.Updates;

namespace AkkaDifferential.Operators.Exchange;

/// <summary>
/// Splits a batch into one batch per destination bucket, reusing its scratch builders between activations so
/// that the exchange allocates only the batches it sends.
/// </summary>
internal sealed class Partitioner<TData, TTime, TDiff>(int buckets)
{
    private readonly UpdateBuilder<TData, TTime, TDiff>[] parts = CreateParts(buckets);
    private int roundRobin;

    /// <summary>Partitions by <paramref name="hash"/>; returns the non-empty parts as (bucket, batch).</summary>
    public List<(int Bucket, UpdateBatch<TData, TTime, TDiff> Batch)> ByHash(UpdateBatch<TData, TTime, TDiff> batch, Func<TData, ulong> hash)
    {
        var data = batch.Data;
        var times = batch.Times;
        var diffs = batch.Diffs;
        for (var i = 0; i < batch.Count; i++)
            parts[StableHash.Bucket(hash(data[i]), buckets)].Add(data[i], times[i], diffs[i]);
        return Collect();
    }

    /// <summary>Spreads the records evenly over the buckets, continuing where the last call stopped.</summary>
    public List<(int Bucket, UpdateBatch<TData, TTime, TDiff> Batch)> Evenly(UpdateBatch<TData, TTime, TDiff> batch)
    {
        if (buckets == 1)
            return [(0, batch)];
        var data = batch.Data;
        var times = batch.Times;
        var diffs = batch.Diffs;
        for (var i = 0; i < batch.Count; i++)
        {
            parts[roundRobin].Add(data[i], times[i], diffs[i]);
            roundRobin = roundRobin + 1 == buckets ? 0 : roundRobin + 1;
        }
        return Collect();
    }

    private List<(int, UpdateBatch<TData, TTime, TDiff>)> Collect()
    {
        var result = new List<(int, UpdateBatch<TData, TTime, TDiff>)>();
        for (var b = 0; b < parts.Length; b++)
            if (parts[b].Count > 0)
                result.Add((b, parts[b].Build()));
        return result;
    }

    private static UpdateBuilder<TData, TTime, TDiff>[] CreateParts(int buckets)
    {
        var result = new UpdateBuilder<TData, TTime, TDiff>[buckets];
        for (var i = 0; i < buckets; i++) result[i] = new UpdateBuilder<TData, TTime, TDiff>();
        return result;
    }
}
