namespace AkkaDifferential.Arrangements.Updates;

/// <summary>A message of updates, whatever its types: how many it holds.</summary>
public interface IBatch
{
    /// <summary>The number of updates.</summary>
    int Count { get; }
}

/// <summary>The times present in a batch, without its records: what progress tracking needs to know of a message.</summary>
public interface ITimedBatch<TTime> : IBatch
{
    /// <summary>The distinct times of the updates, each once.</summary>
    IReadOnlyList<TTime> DistinctTimes { get; }
}

/// <summary>
/// An immutable, columnar batch of updates: the unit in which records move between operator instances. Columns
/// (<see cref="Data"/>, <see cref="Times"/>, <see cref="Diffs"/>) keep the hot loops free of per-record objects.
/// A batch is shared, never copied, between the consumers of one output on the same node.
/// </summary>
public sealed class UpdateBatch<TData, TTime, TDiff> : ITimedBatch<TTime>
{
    private readonly TData[] data;
    private readonly TTime[] times;
    private readonly TDiff[] diffs;
    private readonly TTime[] distinctTimes;

    /// <summary>Wraps columns of equal length; the arrays are owned by the batch from now on.</summary>
    public UpdateBatch(TData[] data, TTime[] times, TDiff[] diffs)
    {
        if (data.Length != times.Length || data.Length != diffs.Length)
            throw new ArgumentException($"Columns differ in length: {data.Length} data, {times.Length} times, {diffs.Length} diffs.");
        this.data = data;
        this.times = times;
        this.diffs = diffs;
        distinctTimes = Distinct(times);
    }

    /// <summary>A batch with no updates.</summary>
    public static UpdateBatch<TData, TTime, TDiff> Empty { get; } = new([], [], []);

    /// <inheritdoc/>
    public int Count => data.Length;

    /// <summary>The records.</summary>
    public ReadOnlySpan<TData> Data => data;

    /// <summary>The times, aligned with <see cref="Data"/>.</summary>
    public ReadOnlySpan<TTime> Times => times;

    /// <summary>The differences, aligned with <see cref="Data"/>.</summary>
    public ReadOnlySpan<TDiff> Diffs => diffs;

    /// <inheritdoc/>
    public IReadOnlyList<TTime> DistinctTimes => distinctTimes;

    /// <summary>The update at <paramref name="index"/>.</summary>
    public Update<TData, TTime, TDiff> this[int index] => new(data[index], times[index], diffs[index]);

    private static TTime[] Distinct(TTime[] times)
    {
        // Batches usually hold one or a few times: a short linear scan beats hashing.
        var comparer = EqualityComparer<TTime>.Default;
        var found = new List<TTime>(2);
        HashSet<TTime>? set = null;
        foreach (var time in times)
        {
            if (set is not null)
            {
                if (set.Add(time)) found.Add(time);
                continue;
            }
            if (found.Count > 0 && comparer.Equals(found[^1], time))
                continue;
            if (found.Exists(t => comparer.Equals(t, time)))
                continue;
            found.Add(time);
            if (found.Count > 8)
                set = [.. found];
        }
        return [.. found];
    }
}
