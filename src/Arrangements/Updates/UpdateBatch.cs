using AkkaDifferential.Arrangements.Updates;

namespace AkkaDifferential;

/// <summary>
/// An immutable, columnar batch of updates: the unit in which records move between operator instances. Columns
/// (<see cref="Data"/>, <see cref="Times"/>, <see cref="Diffs"/>) keep the hot loops free of per-record objects.
/// A batch is shared, never copied, between the consumers of one output on the same node.
/// </summary>
public sealed class UpdateBatch<TData, TTime, TDiff> : ITimedBatch<TTime>, IUpdateBatch
{
    private readonly TData[] data;
    private readonly TTime[] times;
    private readonly TDiff[] diffs;
    private TTime[]? minimalTimes;

    /// <summary>Wraps columns of equal length; the arrays are owned by the batch from now on.</summary>
    public UpdateBatch(TData[] data, TTime[] times, TDiff[] diffs) : this(data, times, diffs, data?.Length ?? 0)
    {
    }

    /// <summary>
    /// Wraps the first <paramref name="count"/> elements of columns at least that long (a builder's buffers, handed
    /// over without a copy); the arrays are owned by the batch from now on.
    /// </summary>
    public UpdateBatch(TData[] data, TTime[] times, TDiff[] diffs, int count)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(diffs);
        if (count < 0 || data.Length < count || times.Length < count || diffs.Length < count)
            throw new ArgumentException($"Columns of {data.Length} data, {times.Length} times and {diffs.Length} diffs cannot hold {count} updates.");
        this.data = data;
        this.times = times;
        this.diffs = diffs;
        Count = count;
    }

    /// <summary>A batch with no updates.</summary>
    public static UpdateBatch<TData, TTime, TDiff> Empty { get; } = new([], [], []);

    /// <inheritdoc/>
    public int Count { get; }

    /// <summary>The records.</summary>
    public ReadOnlySpan<TData> Data => data.AsSpan(0, Count);

    /// <summary>The times, aligned with <see cref="Data"/>.</summary>
    public ReadOnlySpan<TTime> Times => times.AsSpan(0, Count);

    /// <summary>The differences, aligned with <see cref="Data"/>.</summary>
    public ReadOnlySpan<TDiff> Diffs => diffs.AsSpan(0, Count);

    /// <inheritdoc/>
    public IReadOnlyList<TTime> MinimalTimes => minimalTimes ??= Progress.Frontiers.MinimalTimes.Of(Times);

    /// <summary>
    /// The batch of <paramref name="mapped"/> (one record per update, in order) at this batch's times with its
    /// differences: the two columns are shared, not copied, as the batch is immutable.
    /// </summary>
    internal UpdateBatch<TOut, TTime, TDiff> WithData<TOut>(TOut[] mapped)
    {
        if (mapped.Length < Count)
            throw new ArgumentException($"{mapped.Length} records cannot replace the {Count} of a batch.", nameof(mapped));
        return new(mapped, times, diffs, Count) { minimalTimes = minimalTimes };
    }

    /// <summary>The batch of these records at these times with <paramref name="replaced"/> as differences (shared columns, as <see cref="WithData{TOut}"/>).</summary>
    internal UpdateBatch<TData, TTime, TDiffOut> WithDiffs<TDiffOut>(TDiffOut[] replaced)
    {
        if (replaced.Length < Count)
            throw new ArgumentException($"{replaced.Length} differences cannot replace the {Count} of a batch.", nameof(replaced));
        return new(data, times, replaced, Count) { minimalTimes = minimalTimes };
    }

    /// <summary>The update at <paramref name="index"/>.</summary>
    public Update<TData, TTime, TDiff> this[int index] => new(data[index], times[index], diffs[index]);
}
