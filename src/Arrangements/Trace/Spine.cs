using System.Numerics;
using AkkaDifferential.Arrangements.Trace.Columns;

namespace AkkaDifferential.Arrangements.Trace;

/// <summary>
/// A trace: the log-structured merge list of the batches of one arrangement (differential dataflow's fueled
/// <c>Spine</c>). Batches arrive in time order, each starting where the trace ends (<see cref="Upper"/>). They are
/// kept in levels of geometrically growing size, level <c>i</c> holding up to about <c>2^i</c> updates, with newer
/// batches in lower levels; when a level would hold two batches they are merged into one, which moves up a level.
/// So a trace of <c>n</c> updates has <c>O(log n)</c> batches and every update is copied <c>O(log n)</c> times.
/// <para>Merges are incremental (<see cref="IBatchMerge{TKey, TVal, TTime, TDiff}"/>): each inserted batch pays
/// for merge work in proportion to its size (<see cref="FuelPerUpdate"/> units per update at every level in progress,
/// at least <see cref="MinimumFuel"/>), and <see cref="Work"/> does more on request, so no call stalls on one huge
/// merge; the proportional payment is what has a level's merge finished before the next batch needs the level. Only
/// when that schedule is not met (a level still merging when a batch must land on it), or when a large batch lands
/// over several smaller ones, are merges completed at once, and then in proportion to the batch being inserted.</para>
/// <para>Merges advance times by the logical compaction frontier <see cref="Since"/> in force when they start and
/// consolidate (logical compaction); merging itself removes batches (physical compaction). A composite trace's
/// merges also route each merged update to the base or general part of their result
/// (<see cref="Composite.SettledRoute"/>), so its batches are composite; its snapshot holds one batch per composite
/// batch, read through its parts.</para>
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TVal">The value type.</typeparam>
/// <typeparam name="TTime">The timestamp type.</typeparam>
/// <typeparam name="TDiff">The difference type.</typeparam>
internal sealed class Spine<TKey, TVal, TTime, TDiff> where TTime : notnull
{
    /// <summary>Merge work, in updates, that each inserted update pays to every merge in progress (as in DD).</summary>
    public const long FuelPerUpdate = 8;

    /// <summary>The least merge work an insertion pays to each merge in progress, however small its batch.</summary>
    public const long MinimumFuel = 256;

    // levels[i] holds nothing, one batch, or a merge in progress; higher levels hold older updates.
    private readonly List<Level> levels = [];
    private Antichain<TTime> upper;
    private Antichain<TTime> since;
    private readonly long fuelPerUpdate;
    private readonly long minimumFuel;
    private readonly KeyEncoding keyEncoding;
    private readonly bool composite;
    private long completedWork;

    /// <summary>An empty trace, whose upper and compaction frontiers are both the minimum time.</summary>
    public Spine() : this(FuelPerUpdate, MinimumFuel)
    {
    }

    /// <summary>An empty trace that pays other amounts of merge work per insertion (tests starve merges with zeros).</summary>
    internal Spine(long fuelPerUpdate, long minimumFuel) : this(fuelPerUpdate, minimumFuel, TraceLayout.Keys)
    {
    }

    /// <summary>An empty trace whose merges write string keys under <paramref name="keyEncoding"/> (tests and measurements compare the layouts).</summary>
    internal Spine(long fuelPerUpdate, long minimumFuel, KeyEncoding keyEncoding) : this(fuelPerUpdate, minimumFuel, keyEncoding, TraceLayout.Composite)
    {
    }

    /// <summary>
    /// An empty trace whose merges write string keys under <paramref name="keyEncoding"/> and, when
    /// <paramref name="composite"/>, route settled updates to base parts (<see cref="Composite.CompositeMerger{TKey, TVal, TTime, TDiff}"/>;
    /// by default as <see cref="TraceLayout.Composite"/> says).
    /// </summary>
    internal Spine(long fuelPerUpdate, long minimumFuel, KeyEncoding keyEncoding, bool composite)
    {
        this.composite = composite;
        this.keyEncoding = keyEncoding;
        this.fuelPerUpdate = fuelPerUpdate;
        this.minimumFuel = minimumFuel;
        upper = Antichain<TTime>.From(Timestamp.Minimum<TTime>());
        since = Antichain<TTime>.From(Timestamp.Minimum<TTime>());
    }

    /// <summary>The frontier the trace is complete up to: the next batch must start here. A fresh copy.</summary>
    public Antichain<TTime> Upper => Copy(upper);

    /// <summary>The logical compaction frontier in force: merges advance times by it. A fresh copy.</summary>
    public Antichain<TTime> Since => Copy(since);

    /// <summary>The updates held by all batches, the inputs of merges in progress included.</summary>
    public long UpdateCount
    {
        get
        {
            long count = 0;
            foreach (var level in levels)
                count += level.UpdateCount;
            return count;
        }
    }

    /// <summary>
    /// The keys of all batches, counted per batch (a key present in two batches counts twice until they merge): the
    /// trace's size in keys as its readers' cursors see it.
    /// </summary>
    public long KeyCount
    {
        get
        {
            long count = 0;
            foreach (var level in levels)
                count += level.Batch is { } batch ? KeysOf(batch) : level.Merge is { } merge ? KeysOf(merge.Older) + KeysOf(merge.Newer) : 0;
            return count;
        }
    }

    /// <summary>The number of batches in <see cref="Batches"/>, without taking the snapshot.</summary>
    public int BatchCount
    {
        get
        {
            var count = 0;
            foreach (var level in levels)
                count += level.Merge is not null ? 2 : level.Batch is not null ? 1 : 0;
            return count;
        }
    }

    /// <summary>True when a merge is in progress, so <see cref="Work"/> has something to do.</summary>
    public bool HasPendingWork
    {
        get
        {
            foreach (var level in levels)
                if (level.Merge is not null)
                    return true;
            return false;
        }
    }

    /// <summary>
    /// A snapshot of the trace: immutable batches, oldest first, that together hold exactly its updates (the inputs
    /// of a merge in progress rather than its partial output). A fresh array, which later changes do not touch.
    /// </summary>
    public IReadOnlyList<TraceBatch<TKey, TVal, TTime, TDiff>> Batches
    {
        get
        {
            var batches = new TraceBatch<TKey, TVal, TTime, TDiff>[BatchCount];
            var count = 0;
            for (var i = levels.Count - 1; i >= 0; i--)
            {
                var level = levels[i];
                if (level.Batch is { } batch)
                {
                    batches[count++] = batch;
                }
                else if (level.Merge is { } merge)
                {
                    batches[count++] = merge.Older;
                    batches[count++] = merge.Newer;
                }
            }
            return batches;
        }
    }

    /// <summary>Merge work done so far, in input updates read, forced merges included (for tests and metrics).</summary>
    internal long WorkDone
    {
        get
        {
            var work = completedWork;
            foreach (var level in levels)
                if (level.Merge is { } merge)
                    work += merge.Processed;
            return work;
        }
    }

    /// <summary>The number of levels, vacant ones included (for tests).</summary>
    internal int LevelCount => levels.Count;

    /// <summary>
    /// Appends <paramref name="batch"/>, which must start where the trace ends, and pays for merge work in
    /// proportion to its size. An empty batch that ends where it starts changes nothing and is dropped.
    /// </summary>
    /// <exception cref="ArgumentException">The batch's lower frontier is not the trace's <see cref="Upper"/>.</exception>
    public void Insert(TraceBatch<TKey, TVal, TTime, TDiff> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!batch.Description.Lower.Equals(upper))
            throw new ArgumentException($"The batch starts at {batch.Description.Lower}, but the trace ends at {upper}.", nameof(batch));
        if (batch.IsEmpty && batch.Description.Upper.Equals(upper))
            return;
        upper = Copy(batch.Description.Upper);
        var index = LevelOf(batch.UpdateCount);
        ApplyFuel(Math.Max(minimumFuel, fuelPerUpdate << index));
        RollUp(index);
        InsertAt(batch, index);
        Tidy();
    }

    /// <summary>
    /// Does at most <paramref name="fuel"/> units of pending merge work (one unit per input update read), smaller
    /// merges first, and returns the fuel left: <c>fuel - Work(fuel)</c> is the work done. Fuel is left over only
    /// when no merge remains in progress. No other work is hidden in the call beyond what the units pay for: a value's
    /// re-sort after compaction (of updates already counted) and the trimming of a finished merge's columns.
    /// </summary>
    public long Work(long fuel)
    {
        for (var i = 0; i < levels.Count && fuel > 0; i++)
            if (levels[i].Merge is { } merge)
                fuel = Step(i, merge, fuel);
        return fuel;
    }

    /// <summary>
    /// Allows logical compaction up to <paramref name="frontier"/>: later merges may advance times by it, since no
    /// reader will look at the collection at times not in advance of it. Takes effect in merges started later.
    /// </summary>
    /// <exception cref="ArgumentException">The frontier goes back: one of its elements is not ≥ an element of <see cref="Since"/>.</exception>
    public void AdvanceSince(Antichain<TTime> frontier)
    {
        ArgumentNullException.ThrowIfNull(frontier);
        if (!since.Dominates(frontier))
            throw new ArgumentException($"The compaction frontier cannot go back from {since} to {frontier}.", nameof(frontier));
        since = Copy(frontier);
    }

    /// <summary>
    /// Finishes every merge and merges all batches into one, with times advanced by <see cref="Since"/>, however long
    /// it takes. For tests and for idle arrangements.
    /// </summary>
    public void CompactFully()
    {
        TraceBatch<TKey, TVal, TTime, TDiff>? merged = null;
        for (var i = levels.Count - 1; i >= 0; i--)
            if (Take(i) is { } content)
                merged = merged is null ? content : MergeNow(merged, content);
        levels.Clear();
        if (merged is null)
            return;
        if (!TimeCompaction.IsIdentity(since) && !since.Equals(merged.CompactedBy))
        {
            var end = merged.Description.Upper;
            merged = MergeNow(merged, TraceBatch<TKey, TVal, TTime, TDiff>.Empty(new Description<TTime>(end, end, since)));
        }
        var index = LevelOf(merged.UpdateCount);
        EnsureLevel(index);
        levels[index] = Level.Single(merged);
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var shape = new System.Text.StringBuilder();
        for (var i = 0; i < levels.Count; i++)
            shape.Append(i == 0 ? "" : " ").Append(levels[i].Merge is not null ? "M" : levels[i].Batch is not null ? "B" : ".");
        return $"Spine(upper {upper}, since {since}, {UpdateCount} updates, levels [{shape}])";
    }

    /// <summary>The keys of <paramref name="batch"/>'s parts, counted per part.</summary>
    private static long KeysOf(TraceBatch<TKey, TVal, TTime, TDiff> batch)
    {
        long count = 0;
        foreach (var part in batch.Parts)
            count += part.KeyCount;
        return count;
    }

    /// <summary>The level for a batch of <paramref name="count"/> updates: the base-2 logarithm, rounded up.</summary>
    internal static int LevelOf(long count) => count <= 1 ? 0 : 64 - BitOperations.LeadingZeroCount((ulong)(count - 1));

    /// <summary>Gives each merge in progress <paramref name="fuel"/> units of its own, lowest level first.</summary>
    private void ApplyFuel(long fuel)
    {
        for (var i = 0; i < levels.Count; i++)
            if (levels[i].Merge is { } merge)
                Step(i, merge, fuel);
    }

    /// <summary>Works the merge at level <paramref name="index"/>; if it completes, moves the result up.</summary>
    private long Step(int index, IBatchMerge<TKey, TVal, TTime, TDiff> merge, long fuel)
    {
        fuel = merge.Work(fuel);
        if (merge.IsComplete)
        {
            completedWork += merge.Processed;
            levels[index] = Level.Vacant;
            Promote(index, merge.Result);
        }
        return fuel;
    }

    /// <summary>
    /// Moves the result of level <paramref name="index"/>'s merge up a level, or, if that level is still merging,
    /// parks it where it is (as a single batch) rather than force that merge to finish.
    /// </summary>
    private void Promote(int index, TraceBatch<TKey, TVal, TTime, TDiff> batch)
    {
        EnsureLevel(index + 1);
        if (levels[index + 1].Merge is not null)
            levels[index] = Level.Single(batch);
        else
            InsertAt(batch, index + 1);
    }

    /// <summary>
    /// Puts <paramref name="batch"/>, newer than everything at or above the level, at level <paramref name="index"/>:
    /// into a vacant level, or merging with the batch there. A merge still in progress there is finished first and
    /// its result moved up.
    /// </summary>
    private void InsertAt(TraceBatch<TKey, TVal, TTime, TDiff> batch, int index)
    {
        EnsureLevel(index);
        var level = levels[index];
        if (level.Batch is { } old)
        {
            BeginMerge(index, old, batch);
        }
        else if (level.Merge is { } merge)
        {
            var finished = Force(merge);
            levels[index] = Level.Vacant;
            InsertAt(finished, index + 1);
            InsertAt(batch, index);
        }
        else
        {
            levels[index] = Level.Single(batch);
        }
    }

    private void BeginMerge(int index, TraceBatch<TKey, TVal, TTime, TDiff> older, TraceBatch<TKey, TVal, TTime, TDiff> newer)
    {
        var merge = IBatchMerge<TKey, TVal, TTime, TDiff>.Start(older, newer, since, keyEncoding, composite);
        if (merge.IsComplete)
        {
            levels[index] = Level.Vacant;
            Promote(index, merge.Result);
        }
        else
        {
            levels[index] = Level.Merging(merge);
        }
    }

    /// <summary>
    /// Before a batch lands on level <paramref name="index"/>, merges everything below it into one batch and puts
    /// that on the level first, so the new batch, the newest, is not placed above older updates.
    /// </summary>
    private void RollUp(int index)
    {
        EnsureLevel(index);
        TraceBatch<TKey, TVal, TTime, TDiff>? merged = null;
        for (var i = index - 1; i >= 0; i--)
            if (Take(i) is { } content)
                merged = merged is null ? content : MergeNow(merged, content);
        if (merged is null)
            return;
        InsertAt(merged, index);
        if (levels[index].Merge is { } merge)
        {
            var finished = Force(merge);
            levels[index] = Level.Vacant;
            InsertAt(finished, index + 1);
        }
    }

    /// <summary>
    /// Lets the largest batch sink to the level its size calls for when the levels below it are vacant, and starts
    /// merging it with the next batch down when little else is below (as DD's <c>tidy_layers</c>), so that the largest
    /// batches keep being compacted while small ones arrive. Drops vacant top levels.
    /// </summary>
    private void Tidy()
    {
        while (levels.Count > 0 && levels[^1].IsVacant)
            levels.RemoveAt(levels.Count - 1);
        var length = levels.Count;
        if (length == 0 || levels[length - 1].Batch is not { } top)
            return;
        var appropriate = LevelOf(top.UpdateCount);
        while (appropriate < length - 1)
        {
            var below = levels[length - 2];
            if (below.IsVacant)
            {
                levels.RemoveAt(length - 2);
                length--;
                continue;
            }
            if (below.Batch is { } batch)
            {
                // The updates that could arrive at the merge from below, counted by level capacity.
                long smaller = 0;
                for (var i = 0; i < length - 2; i++)
                    smaller += levels[i].IsVacant ? 0 : levels[i].Merge is null ? 1L << i : 2L << i;
                if (smaller <= (1L << length) / 8)
                {
                    levels.RemoveAt(length - 2);
                    InsertAt(batch, length - 2);
                }
            }
            return;
        }
    }

    /// <summary>Empties level <paramref name="index"/>, finishing its merge if any, and returns its batch.</summary>
    private TraceBatch<TKey, TVal, TTime, TDiff>? Take(int index)
    {
        var level = levels[index];
        levels[index] = Level.Vacant;
        return level.Merge is { } merge ? Force(merge) : level.Batch;
    }

    private TraceBatch<TKey, TVal, TTime, TDiff> Force(IBatchMerge<TKey, TVal, TTime, TDiff> merge)
    {
        var result = merge.Complete();
        completedWork += merge.Processed;
        return result;
    }

    private TraceBatch<TKey, TVal, TTime, TDiff> MergeNow(TraceBatch<TKey, TVal, TTime, TDiff> older, TraceBatch<TKey, TVal, TTime, TDiff> newer) =>
        Force(IBatchMerge<TKey, TVal, TTime, TDiff>.Start(older, newer, since, keyEncoding, composite));

    private void EnsureLevel(int index)
    {
        while (levels.Count <= index)
            levels.Add(Level.Vacant);
    }

    private static Antichain<TTime> Copy(Antichain<TTime> frontier) => frontier.Copy();

    /// <summary>A level: vacant, one batch, or a merge in progress of two.</summary>
    private readonly struct Level
    {
        private Level(TraceBatch<TKey, TVal, TTime, TDiff>? batch, IBatchMerge<TKey, TVal, TTime, TDiff>? merge)
        {
            Batch = batch;
            Merge = merge;
        }

        public static Level Vacant => default;

        public TraceBatch<TKey, TVal, TTime, TDiff>? Batch { get; }

        public IBatchMerge<TKey, TVal, TTime, TDiff>? Merge { get; }

        public bool IsVacant => Batch is null && Merge is null;

        public long UpdateCount => Batch?.UpdateCount ?? Merge?.InputUpdates ?? 0;

        public static Level Single(TraceBatch<TKey, TVal, TTime, TDiff> batch) => new(batch, null);

        public static Level Merging(IBatchMerge<TKey, TVal, TTime, TDiff> merge) => new(merge: merge, batch: null);
    }
}
