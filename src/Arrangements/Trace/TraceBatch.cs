using AkkaDifferential.Progress.Frontiers;

namespace AkkaDifferential.Arrangements.Trace;

/// <summary>
/// An immutable, sorted, columnar batch of updates: the unit a trace is made of (differential dataflow's
/// <c>OrdValBatch</c>). Three levels of columns, each indexing into the next:
/// <list type="bullet">
/// <item><see cref="Keys"/>: distinct, sorted by <see cref="DataOrder{T}"/>; key <c>k</c> owns the values
/// <c>[KeyOffsets[k], KeyOffsets[k + 1])</c>.</item>
/// <item><see cref="Vals"/>: distinct and sorted within each key; value <c>v</c> owns the updates
/// <c>[ValOffsets[v], ValOffsets[v + 1])</c>.</item>
/// <item><see cref="Times"/> and <see cref="Diffs"/>: sorted by <see cref="Timestamp.Compare{T}"/>
/// within each value, consolidated (no time twice per <c>(key, val)</c>, no zero difference).</item>
/// </list>
/// Every key has at least one value and every value at least one update. Batches are shared between actors on a node
/// and never change, so readers need no copies and no locks.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TVal">The value type (<see cref="Unit"/> for key-only arrangements).</typeparam>
/// <typeparam name="TTime">The timestamp type.</typeparam>
/// <typeparam name="TDiff">The difference type.</typeparam>
internal sealed class TraceBatch<TKey, TVal, TTime, TDiff> where TTime : notnull
{
    // Columns may be longer than their counts (a merge allocates for the worst case); only the counted prefix is data.
    private readonly TKey[] keys;
    private readonly int[] keyOffsets;
    private readonly TVal[] vals;
    private readonly int[] valOffsets;
    private readonly TTime[] times;
    private readonly TDiff[] diffs;
    private TTime[]? minimalTimes;

    /// <summary>Wraps columns that satisfy the batch invariants; the arrays are owned by the batch from now on.</summary>
    internal TraceBatch(
        Description<TTime> description,
        TKey[] keys, int[] keyOffsets, int keyCount,
        TVal[] vals, int[] valOffsets, int valCount,
        TTime[] times, TDiff[] diffs, int updateCount,
        Antichain<TTime>? compactedBy = null)
    {
        Description = description;
        CompactedBy = compactedBy;
        this.keys = keys;
        this.keyOffsets = keyOffsets;
        this.vals = vals;
        this.valOffsets = valOffsets;
        this.times = times;
        this.diffs = diffs;
        KeyCount = keyCount;
        ValCount = valCount;
        UpdateCount = updateCount;
    }

    /// <summary>The frontiers the batch covers and the compaction frontier its times were advanced by.</summary>
    public Description<TTime> Description { get; }

    /// <summary>
    /// The compaction frontier every time of the batch is known to be advanced by (set by the merge that built it),
    /// or <c>null</c> when unknown: a sealed batch's times are as pushed, whatever its description says.
    /// </summary>
    internal Antichain<TTime>? CompactedBy { get; }

    /// <summary>The number of distinct keys.</summary>
    public int KeyCount { get; }

    /// <summary>The number of distinct <c>(key, val)</c> pairs.</summary>
    public int ValCount { get; }

    /// <summary>The number of updates.</summary>
    public int UpdateCount { get; }

    /// <summary>True when the batch holds no update.</summary>
    public bool IsEmpty => UpdateCount == 0;

    /// <summary>The keys, distinct and sorted.</summary>
    public ReadOnlySpan<TKey> Keys => keys.AsSpan(0, KeyCount);

    /// <summary>For each key <c>k</c>, its values are <c>[KeyOffsets[k], KeyOffsets[k + 1])</c>; length <c>KeyCount + 1</c>.</summary>
    public ReadOnlySpan<int> KeyOffsets => keyOffsets.AsSpan(0, KeyCount + 1);

    /// <summary>The values, distinct and sorted within each key.</summary>
    public ReadOnlySpan<TVal> Vals => vals.AsSpan(0, ValCount);

    /// <summary>For each value <c>v</c>, its updates are <c>[ValOffsets[v], ValOffsets[v + 1])</c>; length <c>ValCount + 1</c>.</summary>
    public ReadOnlySpan<int> ValOffsets => valOffsets.AsSpan(0, ValCount + 1);

    /// <summary>The times of the updates, sorted within each value.</summary>
    public ReadOnlySpan<TTime> Times => times.AsSpan(0, UpdateCount);

    /// <summary>The differences of the updates, aligned with <see cref="Times"/>.</summary>
    public ReadOnlySpan<TDiff> Diffs => diffs.AsSpan(0, UpdateCount);

    /// <summary>A batch with no updates that covers <paramref name="description"/>.</summary>
    public static TraceBatch<TKey, TVal, TTime, TDiff> Empty(Description<TTime> description) =>
        new(description, [], [0], 0, [], [0], 0, [], [], 0);

    /// <summary>The index of <paramref name="key"/> in <see cref="Keys"/>, or <c>-1</c> when absent (binary search).</summary>
    public int FindKey(TKey key)
    {
        var index = SortedColumns.LowerBound(Keys, key, 0);
        return index < KeyCount && DataOrder<TKey>.Compare(keys[index], key) == 0 ? index : -1;
    }

    /// <summary>
    /// The index of <paramref name="val"/> among the values of the key at <paramref name="keyIndex"/>, as an index
    /// into <see cref="Vals"/>, or <c>-1</c> when absent (binary search).
    /// </summary>
    public int FindVal(int keyIndex, TVal val)
    {
        var end = keyOffsets[keyIndex + 1];
        var index = SortedColumns.LowerBound(vals.AsSpan(0, end), val, keyOffsets[keyIndex]);
        return index < end && DataOrder<TVal>.Compare(vals[index], val) == 0 ? index : -1;
    }

    /// <summary>
    /// The same batch with every time mapped by <paramref name="map"/>, which must preserve the order of times (such as
    /// <c>t ↦ (t, 0)</c> when an arrangement enters a nested scope). Keys, values and differences are shared, not
    /// copied: the batches are immutable.
    /// </summary>
    internal TraceBatch<TKey, TVal, TNew, TDiff> MapTimes<TNew>(Func<TTime, TNew> map, Description<TNew> description) where TNew : notnull
    {
        var mapped = new TNew[UpdateCount];
        for (var i = 0; i < mapped.Length; i++)
            mapped[i] = map(times[i]);
        return new TraceBatch<TKey, TVal, TNew, TDiff>(description, keys, keyOffsets, KeyCount, vals, valOffsets, ValCount, mapped, diffs, UpdateCount);
    }

    /// <summary>The minimal times of the batch's updates (an antichain); empty when the batch is empty.</summary>
    /// <remarks>Computed once and remembered; each call returns a fresh antichain.</remarks>
    public Antichain<TTime> MinimalTimes()
    {
        minimalTimes ??= Progress.Frontiers.MinimalTimes.Of(Times);
        return new Antichain<TTime>(minimalTimes);
    }

    /// <summary>The same updates under another description, sharing the columns.</summary>
    internal TraceBatch<TKey, TVal, TTime, TDiff> WithDescription(Description<TTime> description, Antichain<TTime>? compactedBy) =>
        new(description, keys, keyOffsets, KeyCount, vals, valOffsets, ValCount, times, diffs, UpdateCount, compactedBy);

    /// <inheritdoc/>
    public override string ToString() =>
        $"TraceBatch([{Description.Lower}, {Description.Upper}) since {Description.Since}: {KeyCount} keys, {ValCount} vals, {UpdateCount} updates)";
}
