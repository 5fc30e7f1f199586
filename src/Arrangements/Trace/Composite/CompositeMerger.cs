using AkkaDifferential.Arrangements.Trace.Columns;
using AkkaDifferential.Arrangements.Trace.Hashed;

namespace AkkaDifferential.Arrangements.Trace.Composite;

/// <summary>
/// The merge builder of a composite trace: merges two adjacent batches, each of one or two parts
/// (<see cref="TraceBatch{TKey, TVal, TTime, TDiff}.Parts"/>), into one batch whose updates it routes by
/// <see cref="SettledRoute"/>: the settled ones to the result's base part, the rest to its general part. The parts of
/// both inputs (at most four sources) are walked together in <c>(key, val, time)</c> order, as the list cursor walks a
/// trace's batches; each time is advanced by <c>since</c>, the updates of each <c>(key, val)</c> consolidated across
/// all sources (so an input's base and general parts, and both inputs, sum their equal updates), and only then is
/// each surviving update routed. A value's settled update is at most one (consolidated, one time), so the base part
/// has one update per value: it needs no value offsets, and no time column, its one time being <c>s</c>, the only
/// element of the result's <see cref="Description{TTime}.Since"/> (which a merge sets to its <c>since</c>).
/// <para>Fuel is counted as <see cref="BatchMerger{TKey, TVal, TTime, TDiff}"/> counts it, in input updates read,
/// a unit each, whatever part they come from; a call does at most the units it was given and the merge stops
/// anywhere, within a value too. Routing a value's settled update out of the general part moves that value's other
/// updates down by one, paid for by the units that read them.</para>
/// <para>Both inputs, and all their parts, have one <see cref="KeyLayout"/>; in the hashed layout both parts of the
/// result get their own <see cref="KeySlots"/>. String keys are written under the merge's key encoding, each part
/// deciding for itself. Without <c>route</c> everything goes to the general part: a composite batch in one part
/// (<see cref="TraceBatch{TKey, TVal, TTime, TDiff}.InOnePart"/>).</para>
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TVal">The value type.</typeparam>
/// <typeparam name="TTime">The timestamp type.</typeparam>
/// <typeparam name="TDiff">The difference type.</typeparam>
/// <remarks>The older batch comes first: the result covers <c>[older.Lower, newer.Upper)</c>.</remarks>
internal sealed class CompositeMerger<TKey, TVal, TTime, TDiff> : IBatchMerge<TKey, TVal, TTime, TDiff> where TTime : notnull
{
    private readonly TraceBatch<TKey, TVal, TTime, TDiff> older;
    private readonly TraceBatch<TKey, TVal, TTime, TDiff> newer;
    private readonly TraceBatch<TKey, TVal, TTime, TDiff>[] sources;
    private readonly Description<TTime> description;
    private readonly Antichain<TTime> since;
    private readonly TTime[] sinceElements;
    private readonly bool advance;
    private readonly bool route;
    private readonly TTime settled;
    private readonly KeyLayout layout;

    // The general part's columns, sized for the case where nothing consolidates or settles.
    private KeyWriter<TKey> keys;
    private OffsetWriter keyOffsets;
    private ColumnWriter<TVal, DataEquality<TVal>> vals;
    private OffsetWriter valOffsets;
    private ColumnWriter<TTime, TimeEquality<TTime>> times;
    private ColumnWriter<TDiff, DiffEquality<TDiff>> diffs;

    // The base part's columns: one update per value, at the settled time.
    private KeyWriter<TKey> baseKeys;
    private OffsetWriter baseKeyOffsets;
    private ColumnWriter<TVal, DataEquality<TVal>> baseVals;
    private ColumnWriter<TDiff, DiffEquality<TDiff>> baseDiffs;

    // Where the merge stands, per source. The time positions only ever move forward, so together they count the
    // updates read so far.
    private readonly int[] keyAt, valAt, valEnd, timeAt, timeEnd;
    private readonly bool[] inKey, inVal;
    // In a hashed merge, the hash of each source's current key and the position it is of.
    private readonly ulong[] keyHash;
    private readonly int[] hashedAt;
    private Phase phase;
    private int keySource, valSource;
    private int keyFirstVal, keyFirstBaseVal;
    private TVal currentVal = default!;
    private int valFirstUpdate;
    private bool valSorted, valMerged;

    private TraceBatch<TKey, TVal, TTime, TDiff>? result;

    /// <summary>
    /// Starts merging <paramref name="older"/> and then <paramref name="newer"/>, advancing times by
    /// <paramref name="since"/>, and, when <paramref name="route"/>, routing the settled updates to the base part.
    /// </summary>
    /// <exception cref="InvalidOperationException">The inputs' parts have different key layouts.</exception>
    public CompositeMerger(
        TraceBatch<TKey, TVal, TTime, TDiff> older, TraceBatch<TKey, TVal, TTime, TDiff> newer, Antichain<TTime> since, KeyEncoding keyEncoding, bool route)
    {
        this.older = older;
        this.newer = newer;
        this.since = since;
        sinceElements = [.. since.Elements];
        advance = !TimeCompaction.IsIdentity(since);
        var settles = SettledRoute.TrySettledTime(since, out var settledTime);
        this.route = route && settles;
        settled = settledTime;
        description = new Description<TTime>(older.Description.Lower, newer.Description.Upper, since);
        var parts = new List<TraceBatch<TKey, TVal, TTime, TDiff>>(4);
        foreach (var part in older.Parts)
            if (!part.IsEmpty)
                parts.Add(part);
        foreach (var part in newer.Parts)
            if (!part.IsEmpty)
                parts.Add(part);
        sources = [.. parts];
        layout = sources.Length > 0 ? sources[0].KeyLayout : KeyLayout.Ordered;
        foreach (var source in sources)
            if (source.KeyLayout != layout)
                throw new InvalidOperationException($"A merge needs batches of one key layout, but its inputs mix {layout} and {source.KeyLayout}.");
        var n = sources.Length;
        keyAt = new int[n];
        valAt = new int[n];
        valEnd = new int[n];
        timeAt = new int[n];
        timeEnd = new int[n];
        inKey = new bool[n];
        inVal = new bool[n];
        keyHash = new ulong[n];
        hashedAt = new int[n];
        hashedAt.AsSpan().Fill(-1);
        // An empty side needs no work when the other was written by a merge under this frontier (and so routed by it).
        if (n == 0)
            result = TraceBatch<TKey, TVal, TTime, TDiff>.Empty(description);
        else if (older.IsEmpty && IsWrittenUnder(newer))
            result = newer.WithDescription(description, since);
        else if (newer.IsEmpty && IsWrittenUnder(older))
            result = older.WithDescription(description, since);
        if (result is not null)
        {
            phase = Phase.Done;
            return;
        }
        long keyCapacity = 0, valCapacity = 0, updateCapacity = 0;
        foreach (var source in sources)
        {
            keyCapacity += source.KeyCount;
            valCapacity += source.ValCount;
            updateCapacity += source.UpdateCount;
        }
        keys = new KeyWriter<TKey>((int)keyCapacity, keyEncoding);
        keyOffsets = new OffsetWriter((int)keyCapacity);
        vals = new ColumnWriter<TVal, DataEquality<TVal>>((int)valCapacity);
        valOffsets = new OffsetWriter((int)valCapacity);
        times = new ColumnWriter<TTime, TimeEquality<TTime>>((int)updateCapacity);
        diffs = new ColumnWriter<TDiff, DiffEquality<TDiff>>((int)updateCapacity);
        if (this.route)
        {
            baseKeys = new KeyWriter<TKey>((int)keyCapacity, keyEncoding);
            baseKeyOffsets = new OffsetWriter((int)keyCapacity);
            baseVals = new ColumnWriter<TVal, DataEquality<TVal>>((int)valCapacity);
            baseDiffs = new ColumnWriter<TDiff, DiffEquality<TDiff>>((int)valCapacity);
        }
    }

    /// <inheritdoc/>
    public bool IsComplete => result is not null;

    /// <inheritdoc/>
    public TraceBatch<TKey, TVal, TTime, TDiff> Result => result ?? throw new InvalidOperationException("The merge is not complete.");

    /// <inheritdoc/>
    public long Processed
    {
        get
        {
            long processed = 0;
            foreach (var at in timeAt)
                processed += at;
            return processed;
        }
    }

    /// <inheritdoc/>
    public long InputUpdates => (long)older.UpdateCount + newer.UpdateCount;

    /// <inheritdoc/>
    public TraceBatch<TKey, TVal, TTime, TDiff> Older => older;

    /// <inheritdoc/>
    public TraceBatch<TKey, TVal, TTime, TDiff> Newer => newer;

    /// <inheritdoc/>
    public long Work(long fuel)
    {
        while (true)
        {
            switch (phase)
            {
                case Phase.Done:
                    return fuel;
                case Phase.BetweenKeys:
                    if (!StartKey(fuel))
                        return fuel;
                    break;
                case Phase.BetweenVals:
                    if (!StartVal(fuel))
                        return fuel;
                    break;
                case Phase.InVal:
                    fuel = CopyTimes(fuel);
                    if (fuel <= 0 && AnyTimeLeft())
                        return fuel;
                    FinishVal();
                    break;
            }
        }
    }

    /// <inheritdoc/>
    public TraceBatch<TKey, TVal, TTime, TDiff> Complete()
    {
        Work(long.MaxValue);
        return Result;
    }

    /// <summary>True when merging <paramref name="batch"/> alone would write it as it is: advanced and routed by this merge's frontier.</summary>
    private bool IsWrittenUnder(TraceBatch<TKey, TVal, TTime, TDiff> batch) => since.Equals(batch.CompactedBy) || (!advance && !route);

    /// <summary>Finds the least key left among the sources and moves to its values; finishes the merge when none is left.</summary>
    private bool StartKey(long fuel)
    {
        keySource = -1;
        for (var s = 0; s < sources.Length; s++)
            if (keyAt[s] < sources[s].KeyCount && (keySource < 0 || CompareKeys(s, keySource) < 0))
                keySource = s;
        if (keySource < 0)
        {
            Finish();
            return false;
        }
        if (fuel <= 0)
            return false;
        for (var s = 0; s < sources.Length; s++)
        {
            inKey[s] = s == keySource || (keyAt[s] < sources[s].KeyCount && CompareKeys(s, keySource) == 0);
            if (inKey[s])
            {
                valAt[s] = sources[s].KeyOffsets[keyAt[s]];
                valEnd[s] = sources[s].KeyOffsets[keyAt[s] + 1];
            }
            else
            {
                valAt[s] = valEnd[s] = 0;
            }
        }
        keyFirstVal = vals.Count;
        keyFirstBaseVal = baseVals.Count;
        phase = Phase.BetweenVals;
        return true;
    }

    /// <summary>Compares the current keys of sources <paramref name="a"/> and <paramref name="b"/> in the layout's order.</summary>
    private int CompareKeys(int a, int b)
    {
        if (layout == KeyLayout.Ordered)
            return sources[a].Keys.Compare(keyAt[a], sources[b].Keys, keyAt[b]);
        return sources[a].Keys.Compare(keyAt[a], KeyHash(a), sources[b].Keys, keyAt[b], KeyHash(b));
    }

    /// <summary>The hash of source <paramref name="s"/>'s current key (hashed layout), computed once per position.</summary>
    private ulong KeyHash(int s)
    {
        if (hashedAt[s] != keyAt[s])
            (keyHash[s], hashedAt[s]) = (sources[s].Keys.Hash(keyAt[s]), keyAt[s]);
        return keyHash[s];
    }

    /// <summary>Finds the least value left of the current key and moves to its updates; finishes the key when none is left.</summary>
    private bool StartVal(long fuel)
    {
        valSource = -1;
        for (var s = 0; s < sources.Length; s++)
            if (inKey[s] && valAt[s] < valEnd[s]
                && (valSource < 0 || DataOrder<TVal>.Compare(sources[s].Vals[valAt[s]], sources[valSource].Vals[valAt[valSource]]) < 0))
                valSource = s;
        if (valSource < 0)
        {
            FinishKey();
            return true;
        }
        if (fuel <= 0)
            return false;
        currentVal = sources[valSource].Vals[valAt[valSource]];
        for (var s = 0; s < sources.Length; s++)
            inVal[s] = s == valSource || (inKey[s] && valAt[s] < valEnd[s] && DataOrder<TVal>.Compare(sources[s].Vals[valAt[s]], currentVal) == 0);
        // A source without this value gets an empty time range at its current position, so its index stays put.
        for (var s = 0; s < sources.Length; s++)
            timeEnd[s] = inVal[s] ? sources[s].ValOffsets[valAt[s] + 1] : timeAt[s];
        valFirstUpdate = times.Count;
        valSorted = true;
        valMerged = false;
        phase = Phase.InVal;
        return true;
    }

    private bool AnyTimeLeft()
    {
        for (var s = 0; s < sources.Length; s++)
            if (timeAt[s] < timeEnd[s])
                return true;
        return false;
    }

    /// <summary>Reads the current value's updates from all sources in time order, until they or the fuel run out.</summary>
    private long CopyTimes(long fuel)
    {
        while (fuel > 0)
        {
            var least = -1;
            for (var s = 0; s < sources.Length; s++)
                if (timeAt[s] < timeEnd[s] && (least < 0 || Timestamp.Compare(sources[s].Times[timeAt[s]], sources[least].Times[timeAt[least]]) < 0))
                    least = s;
            if (least < 0)
                break;
            var u = timeAt[least]++;
            Push(sources[least].Times[u], sources[least].Diffs[u]);
            fuel--;
        }
        return fuel;
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

    /// <summary>Sorts and consolidates the value's updates, routes its settled one to the base part, and writes the value where it has updates.</summary>
    private void FinishVal()
    {
        if (!valSorted || valMerged)
            SortedColumns.SortAndConsolidateValue(ref times, ref diffs, valFirstUpdate, sort: !valSorted);
        if (route)
            RouteSettled();
        if (times.Count > valFirstUpdate)
        {
            vals.Add(currentVal);
            valOffsets.Add(times.Count);
        }
        for (var s = 0; s < sources.Length; s++)
            if (inVal[s])
                valAt[s]++;
        currentVal = default!;
        phase = Phase.BetweenVals;
    }

    /// <summary>Moves the current value's settled update, if it has one, from the general columns to the base part.</summary>
    private void RouteSettled()
    {
        for (var u = valFirstUpdate; u < times.Count; u++)
        {
            if (!SettledRoute.IsSettled(times[u], diffs[u], settled))
                continue;
            baseVals.Add(currentVal);
            baseDiffs.Add(diffs[u]);
            times.RemoveAt(u);
            diffs.RemoveAt(u);
            return;
        }
    }

    /// <summary>Writes the current key to each part that got values of it, and moves past it.</summary>
    private void FinishKey()
    {
        // Copied from its column, so an encoded key is re-encoded without being built.
        if (vals.Count > keyFirstVal)
        {
            keys.Add(sources[keySource].Keys, keyAt[keySource]);
            keyOffsets.Add(vals.Count);
        }
        if (baseVals.Count > keyFirstBaseVal)
        {
            baseKeys.Add(sources[keySource].Keys, keyAt[keySource]);
            baseKeyOffsets.Add(baseVals.Count);
        }
        for (var s = 0; s < sources.Length; s++)
            if (inKey[s])
                keyAt[s]++;
        phase = Phase.BetweenKeys;
    }

    private void Finish()
    {
        var keyColumn = keys.ToColumn();
        var general = new TraceBatch<TKey, TVal, TTime, TDiff>(
            description,
            keyColumn, keyOffsets.ToColumn(),
            vals.ToColumn(), valOffsets.ToColumn(), times.ToColumn(), diffs.ToColumn(),
            since, layout == KeyLayout.Hashed ? KeySlots.Build(keyColumn) : null);
        if (baseVals.Count > 0)
        {
            var baseKeyColumn = baseKeys.ToColumn();
            var count = baseVals.Count;
            var basePart = new TraceBatch<TKey, TVal, TTime, TDiff>(
                description,
                baseKeyColumn, baseKeyOffsets.ToColumn(),
                baseVals.ToColumn(), OffsetColumn.Implicit(count), Column<TTime>.Uniform(settled, count), baseDiffs.ToColumn(),
                since, layout == KeyLayout.Hashed ? KeySlots.Build(baseKeyColumn) : null);
            general = general.WithBase(basePart);
        }
        result = general;
        keys = default;
        keyOffsets = default;
        vals = default;
        valOffsets = default;
        times = default;
        diffs = default;
        baseKeys = default;
        baseKeyOffsets = default;
        baseVals = default;
        baseDiffs = default;
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
