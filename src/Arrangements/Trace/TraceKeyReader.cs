using AkkaDifferential.Arrangements.Trace.Hashed;

namespace AkkaDifferential.Arrangements.Trace;

/// <summary>
/// Reads the updates of one key at a time from a trace (a list of batches), for keys asked for in increasing order —
/// what a join or a reduction does with the keys of a new batch. Each batch keeps a position that only moves
/// forward, found by galloping from where the last key was, so a run of nearby keys costs a few comparisons per
/// batch. Unlike <see cref="TraceCursor{TKey, TVal, TTime, TDiff}"/> it does not merge the batches into one order:
/// the updates come batch by batch, values sorted within each batch, which is all a caller that accumulates them
/// needs, and it avoids the cursor's search for the least key and value across batches. A composite batch is read
/// as its two parts (<see cref="TraceBatch{TKey, TVal, TTime, TDiff}.Parts"/>).
/// <para>A batch of the hashed layout (<see cref="KeyLayout.Hashed"/>) is not searched: the key is hashed once and
/// each such batch probed at its slot (<see cref="KeySlots"/>), so there keys may come in any order at the same
/// cost — the keys of a hashed batch come by hash, and a reader of another layout's trace gets them so.</para>
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TVal">The value type.</typeparam>
/// <typeparam name="TTime">The timestamp type.</typeparam>
/// <typeparam name="TDiff">The difference type.</typeparam>
internal sealed class TraceKeyReader<TKey, TVal, TTime, TDiff> where TTime : notnull
{
    private readonly TraceBatch<TKey, TVal, TTime, TDiff>[] batches;
    private readonly int[] positions;
    private readonly bool anyHashed;
    private TKey last = default!;
    private ulong lastHash;
    private bool started;

    /// <summary>A reader over <paramref name="batches"/>, before its first key.</summary>
    public TraceKeyReader(IReadOnlyList<TraceBatch<TKey, TVal, TTime, TDiff>> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var nonEmpty = new List<TraceBatch<TKey, TVal, TTime, TDiff>>(batches.Count);
        foreach (var batch in batches)
            foreach (var part in batch.Parts)
                if (part.KeyCount > 0)
                    nonEmpty.Add(part);
        this.batches = [.. nonEmpty];
        positions = new int[this.batches.Length];
        foreach (var batch in this.batches)
            anyHashed |= batch.KeySlots is not null;
    }

    /// <summary>
    /// The sum of the differences of every update of <paramref name="key"/> (zero when absent), without collecting
    /// them: what a count over totally ordered times needs of the trace. Keys as for <see cref="Read"/>.
    /// </summary>
    public TDiff Sum(TKey key)
    {
        Start(key);
        var sum = Difference.Zero<TDiff>();
        for (var b = 0; b < batches.Length; b++)
        {
            var k = Find(b, key);
            if (k < 0)
                continue;
            var batch = batches[b];
            var valOffsets = batch.ValOffsets;
            var diffs = batch.Diffs;
            for (var u = valOffsets[batch.KeyOffsets[k]]; u < valOffsets[batch.KeyOffsets[k + 1]]; u++)
                sum = Difference.Add(sum, diffs[u]);
        }
        return sum;
    }

    /// <summary>
    /// Appends every <c>(val, time, diff)</c> of <paramref name="key"/> to <paramref name="into"/> and returns whether
    /// the key is present. Cheapest for increasing keys; a key before the last one read starts the batches over.
    /// </summary>
    public bool Read(TKey key, List<(TVal Val, TTime Time, TDiff Diff)> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        Start(key);
        var found = false;
        for (var b = 0; b < batches.Length; b++)
        {
            var k = Find(b, key);
            if (k < 0)
                continue;
            found = true;
            var batch = batches[b];
            var keyOffsets = batch.KeyOffsets;
            var vals = batch.Vals;
            var valOffsets = batch.ValOffsets;
            var times = batch.Times;
            var diffs = batch.Diffs;
            for (var v = keyOffsets[k]; v < keyOffsets[k + 1]; v++)
                for (var u = valOffsets[v]; u < valOffsets[v + 1]; u++)
                    into.Add((vals[v], times[u], diffs[u]));
        }
        return found;
    }

    /// <summary>
    /// Starts reading <paramref name="key"/>: a key before the last one read starts every ordered batch over; hashed
    /// batches need its hash.
    /// </summary>
    private void Start(TKey key)
    {
        if (started && DataOrder<TKey>.Compare(key, last) < 0)
            Array.Clear(positions);
        started = true;
        last = key;
        if (anyHashed)
            lastHash = HashOrder<TKey>.Hash(key);
    }

    /// <summary>The index of <paramref name="key"/> in batch <paramref name="b"/>, or -1; moves the batch's position up to it.</summary>
    private int Find(int b, TKey key)
    {
        var keys = batches[b].Keys;
        if (batches[b].KeySlots is { } slots)
            return slots.Find(keys, key, lastHash);
        var k = keys.LowerBound(key, positions[b]);
        positions[b] = k;
        return k < keys.Length && keys.Compare(k, key) == 0 ? k : -1;
    }
}
