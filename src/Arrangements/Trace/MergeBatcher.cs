using AkkaDifferential.Arrangements.Trace.Hashed;
using AkkaDifferential.Progress.Frontiers;

namespace AkkaDifferential.Arrangements.Trace;

/// <summary>
/// Collects the updates an arrangement receives until their times are complete, then hands them over as one
/// batch (differential dataflow's merge batcher). Each arriving batch is sorted and consolidated on arrival into a
/// run, and runs are merged as soon as the last is at least half the size of the one before it, so runs grow
/// geometrically: sorting work is spread over the arrivals instead of paid at once when the frontier moves, and
/// updates that cancel or repeat (a key loaded many times at one time) are consolidated while they wait, which keeps
/// what is held close to the number of distinct <c>(key, val, time)</c> rather than of updates received.
/// <para>Arrivals first gather in one staging builder, as rows, until it holds <see cref="StagedUpdates"/> of them
/// (or a seal comes); the builder keeps its rows, and the scratch its radix sort moves them through, from one stage
/// to the next until the seal, so a load's stages reuse one buffer of each instead of growing and dropping two per
/// stage on the large-object heap: a radix sort of many rows costs a fraction of the merges it replaces (a perf profile of the
/// 50M-edge load of <c>bench hello</c> had the merges of runs at 48 % of all samples, the kernel zeroing the pages of
/// their new columns at 21 % more, and the sorts at 2.4 %: docs/benchmarks.md), so a large load starts its runs at that size instead of at the size of the batches it arrives in, and each
/// of its updates goes through about four merges fewer (arriving batches hold up to 2^16).</para>
/// <para>Runs are kept as <see cref="TraceBatch{TKey, TVal, TTime, TDiff}"/>s, merged by
/// <see cref="BatchMerger{TKey, TVal, TTime, TDiff}"/> without advancing times, so waiting updates already take the
/// lean columns' bytes (a load at one time of insertions keeps only keys, values and key offsets), and a seal that
/// takes everything hands over the run itself, without a copy.</para>
/// <para>Every run and every sealed batch has the batcher's <see cref="KeyLayout"/>, so the trace it feeds has one.</para>
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TVal">The value type.</typeparam>
/// <typeparam name="TTime">The timestamp type.</typeparam>
/// <typeparam name="TDiff">The difference type.</typeparam>
internal sealed class MergeBatcher<TKey, TVal, TTime, TDiff> where TTime : notnull
{
    // What a run stands for does not matter until it is sealed; merges of runs advance nothing.
    private static readonly Antichain<TTime> NoCompaction = Antichain<TTime>.From(Timestamp.Minimum<TTime>());
    private static readonly Description<TTime> Unsealed = new(new Antichain<TTime>(), new Antichain<TTime>(), NoCompaction);

    /// <summary>The most updates staged as rows before they are sorted into a run.</summary>
    internal const int StagedUpdates = 1 << 20;

    // Consolidated runs, oldest (and largest) first.
    private readonly List<TraceBatch<TKey, TVal, TTime, TDiff>> runs = [];
    private readonly KeyLayout layout;
    private readonly int stagedUpdates;
    // Updates not yet in a run, unsorted; null when none (an idle arrangement holds no buffer).
    private TraceBatchBuilder<TKey, TVal, TTime, TDiff>? staged;
    private Antichain<TTime> lower = new();

    /// <summary>A batcher of the process's default layout (<see cref="KeyLayoutSetting"/>).</summary>
    public MergeBatcher() : this(KeyLayoutSetting.Default)
    {
    }

    /// <summary>A batcher whose batches have <paramref name="layout"/>, staging up to <see cref="StagedUpdates"/> updates before sorting them into a run.</summary>
    public MergeBatcher(KeyLayout layout) : this(layout, StagedUpdates)
    {
    }

    /// <summary>A batcher of the default layout that stages up to <paramref name="stagedUpdates"/> updates (at least one) before sorting them into a run.</summary>
    internal MergeBatcher(int stagedUpdates) : this(KeyLayoutSetting.Default, stagedUpdates)
    {
    }

    /// <summary>A batcher whose batches have <paramref name="layout"/>, staging up to <paramref name="stagedUpdates"/> updates (at least one).</summary>
    internal MergeBatcher(KeyLayout layout, int stagedUpdates)
    {
        this.layout = layout;
        this.stagedUpdates = Math.Max(1, stagedUpdates);
    }

    /// <summary>
    /// A lower bound of the times held — every update's time is ≥ one of its elements — and so where the arrangement
    /// must hold its capability. Exactly the minimal times after a seal; pushes add the minimal times of their batches
    /// (and <see cref="Lower"/> lower times).
    /// Empty when nothing is held. A fresh copy.
    /// </summary>
    public Antichain<TTime> Frontier => new(lower.Elements);

    /// <summary>The number of updates held, after the consolidation done so far (staged ones as they came).</summary>
    public long Count
    {
        get
        {
            long count = staged?.Count ?? 0;
            foreach (var run in runs)
                count += run.UpdateCount;
            return count;
        }
    }

    /// <summary>
    /// Adds a batch of updates: staged, then sorted and consolidated into a run once enough are staged, and merged
    /// with earlier runs as runs grow.
    /// </summary>
    public void Push(UpdateBatch<(TKey Key, TVal Value), TTime, TDiff> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
            return;
        var data = batch.Data;
        var times = batch.Times;
        var diffs = batch.Diffs;
        // A stage stays within its bound (and so within the rows kept for the next one) unless one batch exceeds it.
        if (staged?.Count > 0 && staged.Count + data.Length > stagedUpdates)
            SealStaged();
        staged ??= new TraceBatchBuilder<TKey, TVal, TTime, TDiff>(layout, Math.Min(data.Length, stagedUpdates), retainedCapacity: stagedUpdates);
        for (var i = 0; i < data.Length; i++)
            staged.Push(data[i].Key, data[i].Value, times[i], diffs[i]);
        foreach (var time in batch.MinimalTimes)
            lower.Insert(time);
        if (staged.Count >= stagedUpdates)
            SealStaged();
    }

    /// <summary>
    /// Lowers <see cref="Frontier"/> to <paramref name="times"/> until the next seal: the arrangement then holds its
    /// capability at the times its input's messages were counted at, which may be below their updates' own.
    /// </summary>
    public void Lower(IReadOnlyList<TTime> times)
    {
        for (var i = 0; i < times.Count; i++)
            lower.Insert(times[i]);
    }

    /// <summary>
    /// Removes the updates whose times <paramref name="frontier"/> has passed (not ≥ any of its elements) and returns
    /// them as a batch covering <paramref name="description"/>; the other updates stay for a later seal.
    /// </summary>
    public TraceBatch<TKey, TVal, TTime, TDiff> Seal(Antichain<TTime> frontier, Description<TTime> description)
    {
        ArgumentNullException.ThrowIfNull(frontier);
        SealStaged();
        // The staging rows served the arrivals since the last seal; an arrangement between loads holds none.
        staged = null;
        while (runs.Count > 1)
            MergeLastTwo();
        lower = new Antichain<TTime>();
        if (runs.Count == 0)
            return TraceBatch<TKey, TVal, TTime, TDiff>.Empty(description);
        var run = runs[0];
        var times = run.Times;
        // A uniform time column has one time to test (and a base and exceptions its base and exceptions).
        var distinct = times.Distinct;
        var keep = 0;
        foreach (var time in distinct)
        {
            if (frontier.LessEqual(time))
            {
                keep++;
                lower.Insert(time);
            }
        }
        if (keep == 0)
        {
            runs.Clear();
            return run.WithDescription(description, compactedBy: null);
        }
        if (keep == distinct.Length)
            return TraceBatch<TKey, TVal, TTime, TDiff>.Empty(description);
        // A filter of a sorted run is sorted: split it into the sealed part and the part that stays.
        var kept = new TraceBatchBuilder<TKey, TVal, TTime, TDiff>(layout);
        var ready = new TraceBatchBuilder<TKey, TVal, TTime, TDiff>(layout);
        var keys = run.Keys;
        for (var k = 0; k < keys.Length; k++)
        {
            var key = keys[k];
            for (var v = run.KeyOffsets[k]; v < run.KeyOffsets[k + 1]; v++)
                for (var u = run.ValOffsets[v]; u < run.ValOffsets[v + 1]; u++)
                    (frontier.LessEqual(times[u]) ? kept : ready).Push(key, run.Vals[v], times[u], run.Diffs[u]);
        }
        runs[0] = kept.Seal(Unsealed);
        return ready.Seal(description);
    }

    /// <summary>Sorts and consolidates the staged updates into a run, and merges runs while the last is at least half the one before.</summary>
    private void SealStaged()
    {
        if (staged is null)
            return;
        var run = staged.Seal(Unsealed);
        if (run.IsEmpty)
            return;
        runs.Add(run);
        while (runs.Count > 1 && runs[^2].UpdateCount <= 2 * runs[^1].UpdateCount)
            MergeLastTwo();
    }

    private void MergeLastTwo()
    {
        var newer = runs[^1];
        var older = runs[^2];
        runs.RemoveRange(runs.Count - 2, 2);
        var merged = new BatchMerger<TKey, TVal, TTime, TDiff>(older, newer, NoCompaction).Complete();
        if (!merged.IsEmpty)
            runs.Add(merged);
    }
}
