using AkkaDifferential.Arrangements.Trace.Columns;
using AkkaDifferential.Arrangements.Trace.Composite;
using AkkaDifferential.Arrangements.Trace.Hashed;
using AkkaDifferential.Progress.Frontiers;

namespace AkkaDifferential.Arrangements.Trace;

/// <summary>
/// An immutable, sorted, columnar batch of updates: the unit a trace is made of (differential dataflow's
/// <c>OrdValBatch</c>). Three levels of columns, each indexing into the next:
/// <list type="bullet">
/// <item><see cref="Keys"/>: distinct, sorted by <see cref="DataOrder{T}"/> (or by <see cref="HashOrder{TKey}"/> in
/// the hashed layout, below; <see cref="KeyColumn{TKey}"/>: stored, or Huffman-encoded strings); key <c>k</c> owns the values
/// <c>[KeyOffsets[k], KeyOffsets[k + 1])</c>.</item>
/// <item><see cref="Vals"/>: distinct and sorted within each key; value <c>v</c> owns the updates
/// <c>[ValOffsets[v], ValOffsets[v + 1])</c>.</item>
/// <item><see cref="Times"/> and <see cref="Diffs"/>: sorted by <see cref="Timestamp.Compare{T}"/>
/// within each value, consolidated (no time twice per <c>(key, val)</c>, no zero difference).</item>
/// </list>
/// Every key has at least one value and every value at least one update. Batches are shared between actors on a node
/// and never change, so readers need no copies and no locks.
/// <para><b>Layouts.</b> Each column takes the leanest representation its data allows, decided when the batch is
/// written (<see cref="ColumnWriter{T, TEquality}"/>, <see cref="OffsetWriter"/>), so the layout follows the data
/// rather than a choice made per arrangement: a column whose items are all equal is stored once
/// (<see cref="Column{T}.IsUniform"/>: the differences of a batch of insertions, all <c>+1</c>; the time of a
/// <em>single-time</em> batch, such as a load or a round's batch; and the values of a <em>key-only</em> batch, whose
/// values are all <see cref="Unit"/>), and offsets are implicit where each item has exactly one child
/// (<see cref="OffsetColumn.IsImplicit"/>: a key-only batch's keys, whose one value each means there is no value
/// level; the values of a single-time batch, one update each). So a key-only batch with <c>+1</c> differences at one
/// time keeps only its keys. A column mostly of one item keeps that item once and a bit per item for the exceptions
/// (<see cref="BaseAndExceptions{T}"/>): the least-time layout of merged history, whose times a one-time compaction
/// frontier advanced to one time and whose multiplicities are mostly <c>+1</c>. The merge that writes a batch routes
/// each update's time and difference to the base or to the exceptions as it writes them, so updates move between
/// representations at merge time, and readers see one batch. A column of few distinct items (at most 256: the times
/// of a few iterations and rounds, small multiplicities, small values) keeps each once and a byte per item
/// (<see cref="PaletteCodes{T}"/>), written so as the items come, which of these the column ends as being the smallest
/// (<see cref="ColumnWriter{T, TEquality}.ToColumn"/>). The merges that write the long-lived batches of a
/// string-keyed arrangement Huffman-encode their keys where the code pays (<see cref="KeyWriter{TKey}"/>: a batch of
/// enough keys, a code book of its own characters, at most three quarters of the plain keys' bytes), decided per
/// batch by the data as the other layouts; batches sealed from rows keep plain keys (<see cref="TraceLayout.SealedKeys"/>).
/// <see cref="TraceLayout"/> can force every column to be stored, or every batch's string keys encoded, for tests.</para>
/// <para><b>Composite batches.</b> In a composite trace (<see cref="TraceLayout.Composite"/>) a merged batch has two
/// parts, each a batch of these columns: its own columns are the <em>general part</em> (any time, any sign), and
/// <see cref="Base"/> holds its <em>base part</em>, the settled updates (<see cref="SettledRoute"/>): at the one time
/// <c>s</c> of the batch's <see cref="Description{TTime}.Since"/>, with positive multiplicities, one update per value,
/// so that part has no value offsets (<see cref="OffsetColumn.IsImplicit"/>), its time stored once
/// (<see cref="Column{T}.IsUniform"/>, <c>s</c>) and its differences once where they are all equal (the common
/// <c>+1</c>). The merge builder routes each merged update to a part
/// (<see cref="CompositeMerger{TKey, TVal, TTime, TDiff}"/>), and readers see the batch as one through its
/// <see cref="Parts"/>, which cursors walk as they walk a trace's batches. A plain batch is its own one part. The
/// counts <see cref="UpdateCount"/> and <see cref="IsEmpty"/> are of both parts; the columns, <see cref="KeyCount"/>
/// and <see cref="ValCount"/> are the general part's.</para>
/// <para><b>Key layouts.</b> Keys are sorted by <see cref="DataOrder{T}"/> (<see cref="KeyLayout.Ordered"/>), or, in
/// the Robin Hood hashing layout (<see cref="KeyLayout.Hashed"/>), ordered by hash and placed by it:
/// <see cref="KeySlots"/> finds a key with a probe rather than a search. The arrangement chooses the layout, and every
/// batch of its trace has it (its batcher builds them so, and a merge keeps its inputs' layout), because merges and
/// cursors walk the keys of several batches in one order; a merge of two batches of different layouts is refused. An
/// empty batch has no keys and goes with either. Readers that find keys one batch at a time
/// (<see cref="TraceKeyReader{TKey, TVal, TTime, TDiff}"/>) take each batch as it is. The key layout and the key
/// encoding are independent: a hashed batch's string keys are encoded where the code pays, as an ordered batch's, and
/// compared by hash first, then decoded only to the first difference.</para>
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TVal">The value type (<see cref="Unit"/> for key-only arrangements).</typeparam>
/// <typeparam name="TTime">The timestamp type.</typeparam>
/// <typeparam name="TDiff">The difference type.</typeparam>
internal sealed class TraceBatch<TKey, TVal, TTime, TDiff> where TTime : notnull
{
    private TTime[]? minimalTimes;

    /// <summary>Wraps columns that satisfy the batch invariants; the arrays are owned by the batch from now on.</summary>
    internal TraceBatch(
        Description<TTime> description,
        KeyColumn<TKey> keys, OffsetColumn keyOffsets,
        Column<TVal> vals, OffsetColumn valOffsets,
        Column<TTime> times, Column<TDiff> diffs,
        Antichain<TTime>? compactedBy = null,
        KeySlots? keySlots = null)
        : this(description, keys, keyOffsets, vals, valOffsets, times, diffs, compactedBy, keySlots, null)
    {
    }

    private TraceBatch(
        Description<TTime> description,
        KeyColumn<TKey> keys, OffsetColumn keyOffsets,
        Column<TVal> vals, OffsetColumn valOffsets,
        Column<TTime> times, Column<TDiff> diffs,
        Antichain<TTime>? compactedBy,
        KeySlots? keySlots,
        TraceBatch<TKey, TVal, TTime, TDiff>? basePart)
    {
        Description = description;
        Base = basePart;
        Parts = basePart is null ? [this] : [basePart, new(description, keys, keyOffsets, vals, valOffsets, times, diffs, compactedBy, keySlots)];
        KeySlots = keySlots;
        CompactedBy = compactedBy;
        Keys = keys;
        KeyOffsets = keyOffsets;
        Vals = vals;
        ValOffsets = valOffsets;
        Times = times;
        Diffs = diffs;
    }

    /// <summary>The frontiers the batch covers and the compaction frontier its times were advanced by.</summary>
    public Description<TTime> Description { get; }

    /// <summary>
    /// The compaction frontier every time of the batch is known to be advanced by (set by the merge that built it),
    /// or <c>null</c> when unknown: a sealed batch's times are as pushed, whatever its description says.
    /// </summary>
    internal Antichain<TTime>? CompactedBy { get; }

    /// <summary>The base part of a composite batch (its settled updates), or <c>null</c> for a plain batch.</summary>
    internal TraceBatch<TKey, TVal, TTime, TDiff>? Base { get; }

    /// <summary>
    /// The plain batches that together hold this batch's updates: itself for a plain batch; for a composite one its
    /// base part, then its general part (its own columns without the base). Readers that walk batches walk these.
    /// </summary>
    internal IReadOnlyList<TraceBatch<TKey, TVal, TTime, TDiff>> Parts { get; }

    /// <summary>Where the keys are when the batch has the hashed layout; <c>null</c> when its keys are ordered.</summary>
    internal KeySlots? KeySlots { get; }

    /// <summary>The order of the keys: <see cref="KeyLayout.Hashed"/> exactly when <see cref="KeySlots"/> is set.</summary>
    public KeyLayout KeyLayout => KeySlots is null ? KeyLayout.Ordered : KeyLayout.Hashed;

    /// <summary>The number of distinct keys of the columns (the general part's, in a composite batch).</summary>
    public int KeyCount => Keys.Length;

    /// <summary>The number of distinct <c>(key, val)</c> pairs of the columns (the general part's, in a composite batch).</summary>
    public int ValCount => Vals.Length;

    /// <summary>The number of updates, of both parts in a composite batch.</summary>
    public int UpdateCount => Times.Length + (Base?.UpdateCount ?? 0);

    /// <summary>True when the batch holds no update.</summary>
    public bool IsEmpty => UpdateCount == 0;

    /// <summary>The keys, distinct and in the order of <see cref="KeyLayout"/>.</summary>
    public KeyColumn<TKey> Keys { get; }

    /// <summary>For each key <c>k</c>, its values are <c>[KeyOffsets[k], KeyOffsets[k + 1])</c>; length <c>KeyCount + 1</c>.</summary>
    public OffsetColumn KeyOffsets { get; }

    /// <summary>The values, distinct and sorted within each key.</summary>
    public Column<TVal> Vals { get; }

    /// <summary>For each value <c>v</c>, its updates are <c>[ValOffsets[v], ValOffsets[v + 1])</c>; length <c>ValCount + 1</c>.</summary>
    public OffsetColumn ValOffsets { get; }

    /// <summary>The times of the updates, sorted within each value.</summary>
    public Column<TTime> Times { get; }

    /// <summary>The differences of the updates, aligned with <see cref="Times"/>.</summary>
    public Column<TDiff> Diffs { get; }

    /// <summary>The bytes the columns take (arrays' lengths times their item sizes), for measurements.</summary>
    internal long ColumnBytes =>
        Keys.StoredBytes + (KeySlots?.StoredBytes ?? 0) + KeyOffsets.StoredBytes + Vals.StoredBytes + ValOffsets.StoredBytes + Times.StoredBytes + Diffs.StoredBytes
        + (Base?.ColumnBytes ?? 0);

    /// <summary>A batch with no updates that covers <paramref name="description"/>.</summary>
    public static TraceBatch<TKey, TVal, TTime, TDiff> Empty(Description<TTime> description) =>
        new(description, KeyColumn<TKey>.Stored([], 0), OffsetColumn.Implicit(0), Column<TVal>.Uniform(default!, 0), OffsetColumn.Implicit(0),
            Column<TTime>.Uniform(default!, 0), Column<TDiff>.Uniform(default!, 0));

    /// <summary>The same batch with <paramref name="basePart"/> as its base part (the merge builder's result).</summary>
    internal TraceBatch<TKey, TVal, TTime, TDiff> WithBase(TraceBatch<TKey, TVal, TTime, TDiff> basePart) =>
        new(Description, Keys, KeyOffsets, Vals, ValOffsets, Times, Diffs, CompactedBy, KeySlots, basePart);

    /// <summary>
    /// The same updates in one plain batch: this batch when it is plain, else its two parts merged without routing
    /// (for readers of a batch's columns, such as an imported trace's replay).
    /// </summary>
    internal TraceBatch<TKey, TVal, TTime, TDiff> InOnePart() => Base is null ? this
        : new CompositeMerger<TKey, TVal, TTime, TDiff>(Base, Parts[1], Description.Since, TraceLayout.Keys, route: false).Complete().WithDescription(Description, CompactedBy);

    /// <summary>The index of <paramref name="key"/> in <see cref="Keys"/>, or <c>-1</c> when absent (binary search, or a probe when hashed).</summary>
    public int FindKey(TKey key)
    {
        if (KeySlots is { } slots)
            return slots.Find(Keys, key, HashOrder<TKey>.Hash(key));
        var index = Keys.LowerBound(key, 0);
        return index < KeyCount && Keys.Compare(index, key) == 0 ? index : -1;
    }

    /// <summary>
    /// The index of <paramref name="val"/> among the values of the key at <paramref name="keyIndex"/>, as an index
    /// into <see cref="Vals"/>, or <c>-1</c> when absent (binary search).
    /// </summary>
    public int FindVal(int keyIndex, TVal val)
    {
        var end = KeyOffsets[keyIndex + 1];
        var index = Vals.LowerBound(KeyOffsets[keyIndex], end, val);
        return index < end && DataOrder<TVal>.Compare(Vals[index], val) == 0 ? index : -1;
    }

    /// <summary>
    /// The same batch with every time mapped by <paramref name="map"/>, which must preserve the order of times (such as
    /// <c>t ↦ (t, 0)</c> when an arrangement enters a nested scope). Keys, values and differences are shared, not
    /// copied: the batches are immutable. A single-time batch maps its one time, and a base part its one time.
    /// </summary>
    internal TraceBatch<TKey, TVal, TNew, TDiff> MapTimes<TNew>(Func<TTime, TNew> map, Description<TNew> description) where TNew : notnull =>
        new(description, Keys, KeyOffsets, Vals, ValOffsets, Times.Select(map), Diffs, null, KeySlots, Base?.MapTimes(map, description));

    /// <summary>The minimal times of the batch's updates (an antichain); empty when the batch is empty.</summary>
    /// <remarks>Computed once and remembered; each call returns a fresh antichain.</remarks>
    public Antichain<TTime> MinimalTimes()
    {
        minimalTimes ??= Progress.Frontiers.MinimalTimes.Of(Base is null ? Times.Distinct : [.. Base.Times.Distinct, .. Times.Distinct]);
        return new Antichain<TTime>(minimalTimes);
    }

    /// <summary>The same updates under another description, sharing the columns.</summary>
    internal TraceBatch<TKey, TVal, TTime, TDiff> WithDescription(Description<TTime> description, Antichain<TTime>? compactedBy) =>
        new(description, Keys, KeyOffsets, Vals, ValOffsets, Times, Diffs, compactedBy, KeySlots, Base?.WithDescription(description, compactedBy));

    /// <inheritdoc/>
    public override string ToString() =>
        $"TraceBatch({(KeySlots is null ? "" : "hashed, ")}[{Description.Lower}, {Description.Upper}) since {Description.Since}: {KeyCount} keys, {ValCount} vals, {UpdateCount} updates{(Base is null ? "" : $", {Base.UpdateCount} of them settled")})";
}
