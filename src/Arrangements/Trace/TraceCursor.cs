using AkkaDifferential.Arrangements.Trace.Hashed;

namespace AkkaDifferential.Arrangements.Trace;

/// <summary>
/// Reads a trace (a list of batches) as if it were one sorted batch, merging on the fly (differential dataflow's
/// <c>CursorList</c>). A composite batch is read through its two parts (<see cref="TraceBatch{TKey, TVal, TTime, TDiff}.Parts"/>),
/// merged as any two batches are (the seed's <c>CursorPair</c>, here the same code as the list), so
/// <see cref="Of"/> reads one composite batch as one sorted sequence. The cursor keeps a position in every part and the set of batches whose current key is the
/// least: that key is <see cref="Key"/>; among those batches, the ones whose current value is the least give
/// <see cref="Val"/>, and <see cref="ForEachTime{TVisitor}"/> visits their updates for it. Batches are immutable, so
/// a cursor over a snapshot stays valid however the trace moves on. Moving is forward only, as in DD, except for
/// <see cref="RewindVals"/> and <see cref="RewindKeys"/>.
/// <para>Keys come in the order of the batches' <see cref="KeyLayout"/>, which all of them share (a trace's batches
/// do): sorted for ordered batches, by hash for hashed ones, where <see cref="SeekKey(TKey)"/> probes each batch's slots
/// instead of galloping. The hash of each batch's current key is computed once, when the cursor first compares it.</para>
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TVal">The value type.</typeparam>
/// <typeparam name="TTime">The timestamp type.</typeparam>
/// <typeparam name="TDiff">The difference type.</typeparam>
internal sealed class TraceCursor<TKey, TVal, TTime, TDiff> where TTime : notnull
{
    private readonly TraceBatch<TKey, TVal, TTime, TDiff>[] batches;
    private readonly int[] keyPosition;
    private readonly int[] valPosition;
    private readonly int[] valEnd;
    // The batches positioned at the least key, and among them those at the least value.
    private readonly int[] atKey;
    private readonly int[] atVal;
    // Hashed layout: the hash of batch b's key at hashedAt[b], when that is its position.
    private readonly ulong[] keyHash;
    private readonly int[] hashedAt;
    private readonly KeyLayout layout;
    private int atKeyCount;
    private int atValCount;

    /// <summary>A cursor at the first key of <paramref name="batches"/>, and at that key's first value.</summary>
    /// <exception cref="ArgumentException">Two non-empty batches have different key layouts.</exception>
    public TraceCursor(IReadOnlyList<TraceBatch<TKey, TVal, TTime, TDiff>> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var nonEmpty = 0;
        for (var i = 0; i < batches.Count; i++)
            foreach (var part in batches[i].Parts)
                if (part.KeyCount > 0)
                    nonEmpty++;
        this.batches = new TraceBatch<TKey, TVal, TTime, TDiff>[nonEmpty];
        nonEmpty = 0;
        for (var i = 0; i < batches.Count; i++)
            foreach (var part in batches[i].Parts)
                if (part.KeyCount > 0)
                    this.batches[nonEmpty++] = part;
        layout = nonEmpty > 0 ? this.batches[0].KeyLayout : KeyLayout.Ordered;
        foreach (var batch in this.batches)
            if (batch.KeyLayout != layout)
                throw new ArgumentException($"A cursor reads batches of one key layout, but they mix {layout} and {batch.KeyLayout}.", nameof(batches));
        keyHash = layout == KeyLayout.Hashed ? new ulong[nonEmpty] : [];
        hashedAt = layout == KeyLayout.Hashed ? new int[nonEmpty] : [];
        hashedAt.AsSpan().Fill(-1);
        keyPosition = new int[nonEmpty];
        valPosition = new int[nonEmpty];
        valEnd = new int[nonEmpty];
        atKey = new int[nonEmpty];
        atVal = new int[nonEmpty];
        FindLeastKey();
    }

    /// <summary>A cursor over the one batch <paramref name="batch"/>: over its pair of parts, when it is composite.</summary>
    public static TraceCursor<TKey, TVal, TTime, TDiff> Of(TraceBatch<TKey, TVal, TTime, TDiff> batch) => new([batch]);

    /// <summary>True while the cursor is at a key; false once the keys are exhausted.</summary>
    public bool KeyValid => atKeyCount > 0;

    /// <summary>The current key (decoded into a new string when its batch's keys are encoded).</summary>
    /// <exception cref="InvalidOperationException">The keys are exhausted.</exception>
    public TKey Key => KeyValid ? batches[atKey[0]].Keys[keyPosition[atKey[0]]] : throw new InvalidOperationException("The cursor is past the last key.");

    /// <summary>True while the cursor is at a value of the current key.</summary>
    public bool ValValid => atValCount > 0;

    /// <summary>The current value.</summary>
    /// <exception cref="InvalidOperationException">The values of the current key are exhausted.</exception>
    public TVal Val => ValValid ? batches[atVal[0]].Vals[valPosition[atVal[0]]] : throw new InvalidOperationException("The cursor is past the last value.");

    /// <summary>Moves to the next key, and to its first value.</summary>
    public void StepKey()
    {
        for (var i = 0; i < atKeyCount; i++)
            keyPosition[atKey[i]]++;
        FindLeastKey();
    }

    /// <summary>
    /// Moves forward to the first key ≥ <paramref name="key"/> in the layout's order (staying at the current key if it
    /// is), and to that key's first value.
    /// </summary>
    public void SeekKey(TKey key) => SeekKey(key, HashOf(key));

    private void SeekKey(TKey key, ulong hash)
    {
        if (KeyValid && CompareKey(atKey[0], key, hash) >= 0)
        {
            RewindVals();
            return;
        }
        for (var b = 0; b < batches.Length; b++)
        {
            if (batches[b].KeySlots is not { } slots)
                keyPosition[b] = batches[b].Keys.LowerBound(key, keyPosition[b]);
            else if (keyPosition[b] < batches[b].KeyCount && CompareKey(b, key, hash) < 0)
                keyPosition[b] = slots.LowerBound(batches[b].Keys, key, hash);
        }
        FindLeastKey();
    }

    /// <summary>Moves back to the first key, and to its first value.</summary>
    public void RewindKeys()
    {
        Array.Clear(keyPosition);
        FindLeastKey();
    }

    /// <summary>Moves to the next value of the current key.</summary>
    public void StepVal()
    {
        for (var i = 0; i < atValCount; i++)
            valPosition[atVal[i]]++;
        FindLeastVal();
    }

    /// <summary>Moves forward to the first value ≥ <paramref name="val"/> of the current key.</summary>
    public void SeekVal(TVal val)
    {
        if (ValValid && DataOrder<TVal>.Compare(Val, val) >= 0)
            return;
        for (var i = 0; i < atKeyCount; i++)
        {
            var b = atKey[i];
            valPosition[b] = batches[b].Vals.LowerBound(valPosition[b], valEnd[b], val);
        }
        FindLeastVal();
    }

    /// <summary>Moves back to the first value of the current key.</summary>
    public void RewindVals()
    {
        for (var i = 0; i < atKeyCount; i++)
        {
            var b = atKey[i];
            valPosition[b] = batches[b].KeyOffsets[keyPosition[b]];
        }
        FindLeastVal();
    }

    /// <summary>
    /// Visits every <c>(time, diff)</c> of the current <c>(key, val)</c> in every batch: sorted and consolidated
    /// within a batch, not across batches. Visits nothing when no value is current.
    /// </summary>
    public void ForEachTime<TVisitor>(ref TVisitor visitor) where TVisitor : struct, ITimeDiffVisitor<TTime, TDiff>
    {
        for (var i = 0; i < atValCount; i++)
        {
            var batch = batches[atVal[i]];
            var v = valPosition[atVal[i]];
            var offsets = batch.ValOffsets;
            var times = batch.Times;
            var diffs = batch.Diffs;
            for (var u = offsets[v]; u < offsets[v + 1]; u++)
                visitor.Visit(times[u], diffs[u]);
        }
    }

    /// <summary>
    /// Appends every <c>(val, time, diff)</c> of <paramref name="key"/> to <paramref name="into"/>, values in order,
    /// and returns whether the key is present. Leaves the cursor at the key (at its first value) when present, else at
    /// the next key. Cheapest when called with increasing keys; an earlier key rewinds the cursor first.
    /// </summary>
    public bool ReadKey(TKey key, List<(TVal Val, TTime Time, TDiff Diff)> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var hash = HashOf(key);
        if (!KeyValid || CompareKey(atKey[0], key, hash) > 0)
            RewindKeys();
        SeekKey(key, hash);
        if (!KeyValid || CompareKey(atKey[0], key, hash) != 0)
            return false;
        while (ValValid)
        {
            var val = Val;
            for (var i = 0; i < atValCount; i++)
            {
                var batch = batches[atVal[i]];
                var v = valPosition[atVal[i]];
                var offsets = batch.ValOffsets;
                var times = batch.Times;
                var diffs = batch.Diffs;
                for (var u = offsets[v]; u < offsets[v + 1]; u++)
                    into.Add((val, times[u], diffs[u]));
            }
            StepVal();
        }
        RewindVals();
        return true;
    }

    /// <summary>The hash of <paramref name="key"/> that places it in a hashed batch; unused (zero) when ordered.</summary>
    private ulong HashOf(TKey key) => layout == KeyLayout.Hashed ? HashOrder<TKey>.Hash(key) : 0;

    /// <summary>The hash of batch <paramref name="b"/>'s current key (hashed layout), computed once per position.</summary>
    private ulong KeyHash(int b)
    {
        if (hashedAt[b] != keyPosition[b])
            (keyHash[b], hashedAt[b]) = (batches[b].Keys.Hash(keyPosition[b]), keyPosition[b]);
        return keyHash[b];
    }

    /// <summary>
    /// Compares batch <paramref name="b"/>'s current key with <paramref name="key"/> (whose hash is <paramref name="hash"/>)
    /// in the layout's order, without building the current key.
    /// </summary>
    private int CompareKey(int b, TKey key, ulong hash)
    {
        if (layout == KeyLayout.Hashed && KeyHash(b).CompareTo(hash) is var byHash and not 0)
            return byHash;
        return batches[b].Keys.Compare(keyPosition[b], key);
    }

    /// <summary>Finds the batches at the least current key and positions them at its first value.</summary>
    private void FindLeastKey()
    {
        atKeyCount = 0;
        for (var b = 0; b < batches.Length; b++)
        {
            if (keyPosition[b] >= batches[b].KeyCount)
                continue;
            if (atKeyCount > 0)
            {
                var least = atKey[0];
                var (keys, leastKeys) = (batches[b].Keys, batches[least].Keys);
                var compare = layout == KeyLayout.Hashed
                    ? keys.Compare(keyPosition[b], KeyHash(b), leastKeys, keyPosition[least], KeyHash(least))
                    : keys.Compare(keyPosition[b], leastKeys, keyPosition[least]);
                if (compare > 0)
                    continue;
                if (compare < 0)
                    atKeyCount = 0;
            }
            atKey[atKeyCount++] = b;
        }
        for (var i = 0; i < atKeyCount; i++)
        {
            var b = atKey[i];
            var offsets = batches[b].KeyOffsets;
            valPosition[b] = offsets[keyPosition[b]];
            valEnd[b] = offsets[keyPosition[b] + 1];
        }
        FindLeastVal();
    }

    /// <summary>Finds, among the batches at the current key, those at the least current value.</summary>
    private void FindLeastVal()
    {
        atValCount = 0;
        for (var i = 0; i < atKeyCount; i++)
        {
            var b = atKey[i];
            if (valPosition[b] >= valEnd[b])
                continue;
            if (atValCount > 0)
            {
                var compare = DataOrder<TVal>.Compare(batches[b].Vals[valPosition[b]], Val);
                if (compare > 0)
                    continue;
                if (compare < 0)
                    atValCount = 0;
            }
            atVal[atValCount++] = b;
        }
    }
}
