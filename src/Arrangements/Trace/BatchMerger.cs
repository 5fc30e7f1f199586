using AkkaDifferential.Arrangements.Trace.Columns;
using AkkaDifferential.Arrangements.Trace.Hashed;

namespace AkkaDifferential.Arrangements.Trace;

/// <summary>
/// The merge of two adjacent batches into one, done a bounded amount at a time (differential dataflow's
/// <c>OrdValMerger</c>). It is a resumable state machine: <see cref="Work"/> walks both inputs in
/// <c>(key, val, time)</c> order, writing the union into columns sized for the worst case, and stops when its fuel is
/// spent, remembering where it was. Fuel is counted in input updates read, one unit each, so a call does at most as
/// many units as it was given, never more; the boundaries of keys and values cost nothing (every value has at
/// least one update, so they cannot outnumber the units).
/// <para>On the way, each time is advanced by the compaction frontier <c>since</c> (logical compaction) and the
/// updates of each <c>(key, val)</c> are consolidated: equal times are summed, zero sums dropped, and values and keys
/// left without updates dropped. Advancing can reorder times, so a value's updates are re-sorted after its last one
/// is read; that sort is paid for by the units of the updates it sorts.</para>
/// <para>Both inputs have one <see cref="KeyLayout"/> (an empty one goes with either), and so has the result: keys are
/// walked in that layout's order (a hashed merge hashes each input key once, and decodes encoded keys only where
/// hashes tie), and a hashed result gets its <see cref="KeySlots"/> when it is finished, a hash per key.</para>
/// <para>Its inputs are plain batches, without a base part; a composite trace's merges are
/// <see cref="Composite.CompositeMerger{TKey, TVal, TTime, TDiff}"/>'s.</para>
/// </summary>
/// <remarks>The older batch comes first: the result covers <c>[older.Lower, newer.Upper)</c>.</remarks>
internal sealed class BatchMerger<TKey, TVal, TTime, TDiff> : IBatchMerge<TKey, TVal, TTime, TDiff> where TTime : notnull
{
    private readonly TraceBatch<TKey, TVal, TTime, TDiff> older;
    private readonly TraceBatch<TKey, TVal, TTime, TDiff> newer;
    private readonly Description<TTime> description;
    private readonly Antichain<TTime> since;
    private readonly TTime[] sinceElements;
    private readonly bool advance;
    private readonly KeyEncoding keyEncoding;
    private readonly KeyLayout layout;

    // The output columns, sized for the case where nothing consolidates.
    private KeyWriter<TKey> keys;
    private OffsetWriter keyOffsets;
    private ColumnWriter<TVal, DataEquality<TVal>> vals;
    private OffsetWriter valOffsets;
    private ColumnWriter<TTime, TimeEquality<TTime>> times;
    private ColumnWriter<TDiff, DiffEquality<TDiff>> diffs;

    // Where the merge stands. Indices are into the inputs' columns; the time indices only ever move forward, so
    // together they count the updates read so far.
    private Phase phase;
    private int olderKey, newerKey;
    private bool keyInOlder, keyInNewer;
    private int keyFirstVal;
    private int olderVal, olderValEnd, newerVal, newerValEnd;
    private bool valInOlder, valInNewer;
    private TVal currentVal = default!;
    private int valFirstUpdate;
    private int olderTime, olderTimeEnd, newerTime, newerTimeEnd;
    private bool valSorted, valMerged;
    // In a hashed merge, the hashes of the inputs' current keys and the keys they are of.
    private ulong olderHash, newerHash;
    private int olderHashed = -1, newerHashed = -1;

    private TraceBatch<TKey, TVal, TTime, TDiff>? result;

    /// <summary>Starts merging <paramref name="older"/> and then <paramref name="newer"/>, advancing times by <paramref name="since"/>.</summary>
    public BatchMerger(TraceBatch<TKey, TVal, TTime, TDiff> older, TraceBatch<TKey, TVal, TTime, TDiff> newer, Antichain<TTime> since)
        : this(older, newer, since, TraceLayout.Keys)
    {
    }

    /// <summary>As the other constructor, writing the result's string keys under <paramref name="keyEncoding"/>.</summary>
    internal BatchMerger(TraceBatch<TKey, TVal, TTime, TDiff> older, TraceBatch<TKey, TVal, TTime, TDiff> newer, Antichain<TTime> since, KeyEncoding keyEncoding)
    {
        this.keyEncoding = keyEncoding;
        this.older = older;
        this.newer = newer;
        this.since = since;
        sinceElements = [.. since.Elements];
        advance = !TimeCompaction.IsIdentity(since);
        description = new Description<TTime>(older.Description.Lower, newer.Description.Upper, since);
        layout = older.IsEmpty ? newer.KeyLayout : older.KeyLayout;
        if (older.Base is not null || newer.Base is not null)
            throw new InvalidOperationException("A plain merge reads batches without a base part; composite batches are merged by the composite merger.");
        if (!older.IsEmpty && !newer.IsEmpty && older.KeyLayout != newer.KeyLayout)
            throw new InvalidOperationException($"A merge needs batches of one key layout, but the older is {older.KeyLayout} and the newer {newer.KeyLayout}.");

        // An empty side needs no work when the other side's times need no advancing: reuse its columns.
        if (older.IsEmpty && newer.IsEmpty)
            result = TraceBatch<TKey, TVal, TTime, TDiff>.Empty(description);
        else if (older.IsEmpty && IsAdvanced(newer))
            result = newer.WithDescription(description, since);
        else if (newer.IsEmpty && IsAdvanced(older))
            result = older.WithDescription(description, since);
        else
            Allocate();
        if (result is not null)
            phase = Phase.Done;
    }

    /// <summary>True when the merge has finished and <see cref="Result"/> is available.</summary>
    public bool IsComplete => result is not null;

    /// <summary>The merged batch, once <see cref="IsComplete"/>.</summary>
    public TraceBatch<TKey, TVal, TTime, TDiff> Result => result ?? throw new InvalidOperationException("The merge is not complete.");

    /// <summary>The number of input updates read so far: the units of work done.</summary>
    public long Processed => (long)olderTime + newerTime;

    /// <summary>The updates held by the two inputs.</summary>
    public long InputUpdates => (long)older.UpdateCount + newer.UpdateCount;

    /// <summary>The inputs, older first.</summary>
    public TraceBatch<TKey, TVal, TTime, TDiff> Older => older;

    /// <inheritdoc cref="Older"/>
    public TraceBatch<TKey, TVal, TTime, TDiff> Newer => newer;

    /// <summary>
    /// Reads at most <paramref name="fuel"/> input updates, merging them, and returns the fuel left. The merge
    /// completes within the call that reads its last update.
    /// </summary>
    public long Work(long fuel)
    {
        while (true)
        {
            switch (phase)
            {
                case Phase.Done:
                    return fuel;
                case Phase.BetweenKeys:
                    if (olderKey == older.KeyCount && newerKey == newer.KeyCount)
                    {
                        Finish();
                        return fuel;
                    }
                    if (fuel <= 0)
                        return fuel;
                    StartKey();
                    break;
                case Phase.BetweenVals:
                    if (olderVal == olderValEnd && newerVal == newerValEnd)
                        FinishKey();
                    else if (fuel <= 0)
                        return fuel;
                    else
                        StartVal();
                    break;
                case Phase.InVal:
                    fuel = CopyTimes(fuel);
                    if (olderTime < olderTimeEnd || newerTime < newerTimeEnd)
                        return fuel;
                    FinishVal();
                    break;
            }
        }
    }

    /// <summary>Finishes the merge at once, however long it takes, and returns the result.</summary>
    public TraceBatch<TKey, TVal, TTime, TDiff> Complete()
    {
        Work(long.MaxValue);
        return Result;
    }

    /// <summary>True when advancing <paramref name="batch"/>'s times by the merge's frontier would change none.</summary>
    private bool IsAdvanced(TraceBatch<TKey, TVal, TTime, TDiff> batch) => !advance || since.Equals(batch.CompactedBy);

    private void Allocate()
    {
        var keyCapacity = older.KeyCount + newer.KeyCount;
        var valCapacity = older.ValCount + newer.ValCount;
        var updateCapacity = older.UpdateCount + newer.UpdateCount;
        keys = new KeyWriter<TKey>(keyCapacity, keyEncoding);
        keyOffsets = new OffsetWriter(keyCapacity);
        vals = new ColumnWriter<TVal, DataEquality<TVal>>(valCapacity);
        valOffsets = new OffsetWriter(valCapacity);
        times = new ColumnWriter<TTime, TimeEquality<TTime>>(updateCapacity);
        diffs = new ColumnWriter<TDiff, DiffEquality<TDiff>>(updateCapacity);
    }

    private void StartKey()
    {
        var compare = olderKey == older.KeyCount ? 1
            : newerKey == newer.KeyCount ? -1
            : CompareKeys();
        keyInOlder = compare <= 0;
        keyInNewer = compare >= 0;
        if (keyInOlder)
        {
            olderVal = older.KeyOffsets[olderKey];
            olderValEnd = older.KeyOffsets[olderKey + 1];
        }
        else
        {
            olderVal = olderValEnd = 0;
        }
        if (keyInNewer)
        {
            newerVal = newer.KeyOffsets[newerKey];
            newerValEnd = newer.KeyOffsets[newerKey + 1];
        }
        else
        {
            newerVal = newerValEnd = 0;
        }
        keyFirstVal = vals.Count;
        phase = Phase.BetweenVals;
    }

    /// <summary>Compares the inputs' current keys in the layout's order.</summary>
    private int CompareKeys()
    {
        if (layout == KeyLayout.Ordered)
            return older.Keys.Compare(olderKey, newer.Keys, newerKey);
        if (olderHashed != olderKey)
            (olderHash, olderHashed) = (older.Keys.Hash(olderKey), olderKey);
        if (newerHashed != newerKey)
            (newerHash, newerHashed) = (newer.Keys.Hash(newerKey), newerKey);
        return older.Keys.Compare(olderKey, olderHash, newer.Keys, newerKey, newerHash);
    }

    private void FinishKey()
    {
        if (vals.Count > keyFirstVal)
        {
            // Copied from its column, so an encoded key is re-encoded without being built.
            if (keyInOlder)
                keys.Add(older.Keys, olderKey);
            else
                keys.Add(newer.Keys, newerKey);
            keyOffsets.Add(vals.Count);
        }
        if (keyInOlder)
            olderKey++;
        if (keyInNewer)
            newerKey++;
        phase = Phase.BetweenKeys;
    }

    private void StartVal()
    {
        var compare = olderVal == olderValEnd ? 1
            : newerVal == newerValEnd ? -1
            : DataOrder<TVal>.Compare(older.Vals[olderVal], newer.Vals[newerVal]);
        valInOlder = compare <= 0;
        valInNewer = compare >= 0;
        // A side without this value gets an empty time range at its current position, so its index stays put.
        if (valInOlder)
        {
            currentVal = older.Vals[olderVal];
            olderTimeEnd = older.ValOffsets[olderVal + 1];
        }
        else
        {
            olderTimeEnd = olderTime;
        }
        if (valInNewer)
        {
            currentVal = newer.Vals[newerVal];
            newerTimeEnd = newer.ValOffsets[newerVal + 1];
        }
        else
        {
            newerTimeEnd = newerTime;
        }
        valFirstUpdate = times.Count;
        valSorted = true;
        valMerged = false;
        phase = Phase.InVal;
    }

    private void FinishVal()
    {
        if (!valSorted || valMerged)
            SortedColumns.SortAndConsolidateValue(ref times, ref diffs, valFirstUpdate, sort: !valSorted);
        if (times.Count > valFirstUpdate)
        {
            vals.Add(currentVal);
            valOffsets.Add(times.Count);
        }
        if (valInOlder)
            olderVal++;
        if (valInNewer)
            newerVal++;
        currentVal = default!;
        phase = Phase.BetweenVals;
    }

    /// <summary>Reads the current value's updates from both inputs in time order, until they or the fuel run out.</summary>
    private long CopyTimes(long fuel)
    {
        var olderTimes = older.Times;
        var olderDiffs = older.Diffs;
        var newerTimes = newer.Times;
        var newerDiffs = newer.Diffs;
        while (fuel > 0)
        {
            var inOlder = olderTime < olderTimeEnd;
            var inNewer = newerTime < newerTimeEnd;
            if (inOlder && inNewer)
            {
                if (Timestamp.Compare(olderTimes[olderTime], newerTimes[newerTime]) <= 0)
                    Push(olderTimes[olderTime], olderDiffs[olderTime++]);
                else
                    Push(newerTimes[newerTime], newerDiffs[newerTime++]);
                fuel--;
            }
            else if (inOlder)
            {
                fuel = CopyRest(olderTimes, olderDiffs, ref olderTime, olderTimeEnd, fuel);
            }
            else if (inNewer)
            {
                fuel = CopyRest(newerTimes, newerDiffs, ref newerTime, newerTimeEnd, fuel);
            }
            else
            {
                break;
            }
        }
        return fuel;
    }

    /// <summary>Copies the rest of one side's updates for the current value, as fuel allows.</summary>
    private long CopyRest(Column<TTime> sourceTimes, Column<TDiff> sourceDiffs, ref int index, int end, long fuel)
    {
        // The first may equal the last update written (from the other side); the rest are strictly later in time.
        Push(sourceTimes[index], sourceDiffs[index]);
        index++;
        fuel--;
        var count = (int)Math.Min(fuel, end - index);
        if (count <= 0)
            return fuel;
        if (advance)
        {
            for (var i = 0; i < count; i++, index++)
                Push(sourceTimes[index], sourceDiffs[index]);
        }
        else
        {
            times.AddRange(sourceTimes, index, count);
            diffs.AddRange(sourceDiffs, index, count);
            index += count;
        }
        return fuel - count;
    }

    /// <summary>Appends one update to the current value, advancing its time and merging it into an equal predecessor.</summary>
    private void Push(TTime time, TDiff diff)
    {
        if (advance)
            time = TimeCompaction.Advance(time, (ReadOnlySpan<TTime>)sinceElements);
        if (times.Count > valFirstUpdate)
        {
            var compare = Timestamp.Compare(time, times.Last);
            if (compare == 0)
            {
                diffs.SetLast(Difference.Add(diffs.Last, diff));
                valMerged = true;
                return;
            }
            if (compare < 0)
                valSorted = false;
        }
        times.Add(time);
        diffs.Add(diff);
    }

    private void Finish()
    {
        // Consolidation may have left the worst-case columns mostly empty; copy them down rather than hold the space.
        // The copy is smaller than the work already done, so it keeps each step's cost proportional to its fuel. Encoding
        // string keys adds one pass over the characters of the keys written, and the hashed layout's table a hash per key.
        var keyColumn = keys.ToColumn();
        result = new TraceBatch<TKey, TVal, TTime, TDiff>(
            description,
            keyColumn, keyOffsets.ToColumn(),
            vals.ToColumn(), valOffsets.ToColumn(), times.ToColumn(), diffs.ToColumn(),
            since, layout == KeyLayout.Hashed ? KeySlots.Build(keyColumn) : null);
        keys = default;
        keyOffsets = default;
        vals = default;
        valOffsets = default;
        times = default;
        diffs = default;
        phase = Phase.Done;
    }

    private enum Phase
    {
        BetweenKeys,
        BetweenVals,
        InVal,
        Done,
    }
}
