using System.Runtime.InteropServices;
using AkkaDifferential.Arrangements.Trace;

namespace AkkaDifferential.Operators.Join;

/// <summary>
/// The join of one batch of one side with the other side's trace as it stood when the batch arrived, carried out a
/// bounded number of output updates at a time (differential dataflow's deferred join work): a join whose batch
/// matches more than it may produce in one activation keeps this, with a capability at the batch's times, and
/// continues in later activations until it is done.
/// </summary>
internal abstract class DeferredJoin<TTime> where TTime : notnull
{
    /// <summary>The minimal times of the batch: the join holds a capability at each until the work is done, since its output is at or after them.</summary>
    public abstract IReadOnlyList<TTime> Capability { get; }

    /// <summary>True once every pair has been produced.</summary>
    public abstract bool Done { get; }

    /// <summary>Produces the next pairs, at most <paramref name="fuel"/> of them, and returns how many it produced.</summary>
    public abstract int Work(int fuel);
}

/// <summary>
/// Deferred join work for a batch of <typeparamref name="TThis"/> values against a trace of
/// <typeparamref name="TOther"/> values. Its place is a key of the batch, an update of that key and a match among
/// the key's updates in the trace, which are read once per key; the batch and the trace snapshot never change
/// (batches are immutable), so the pairs produced over several activations are exactly those one activation would.
/// </summary>
internal sealed class DeferredJoin<TKey, TThis, TOther, TTime, TDiff>(
    TraceBatch<TKey, TThis, TTime, TDiff> batch,
    IReadOnlyList<TraceBatch<TKey, TOther, TTime, TDiff>> other,
    IReadOnlyList<TTime> capability,
    DeferredJoin<TKey, TThis, TOther, TTime, TDiff>.Pair pair) : DeferredJoin<TTime>
    where TTime : notnull
{
    /// <summary>Receives one pair of matching updates: the key, the batch's value, time and difference, and the trace's.</summary>
    public delegate void Pair(TKey key, TThis value, TTime time, TDiff diff, TOther otherValue, TTime otherTime, TDiff otherDiff);

    private readonly TraceKeyReader<TKey, TOther, TTime, TDiff> reader = new(other);
    private readonly List<(TOther Val, TTime Time, TDiff Diff)> matches = [];
    private int key;
    // Whether the matches of the current key have been read; then its value, update and match to produce next.
    private bool matched;
    // The current key, read from the batch once (an encoded key column decodes a new string each time).
    private TKey current = default!;
    private int value;
    private int update;
    private int match;

    /// <inheritdoc/>
    public override IReadOnlyList<TTime> Capability => capability;

    /// <inheritdoc/>
    public override bool Done => key == batch.KeyCount;

    /// <inheritdoc/>
    public override int Work(int fuel)
    {
        var keys = batch.Keys;
        var keyOffsets = batch.KeyOffsets;
        var vals = batch.Vals;
        var valOffsets = batch.ValOffsets;
        var times = batch.Times;
        var diffs = batch.Diffs;
        var produced = 0;
        while (key < keys.Length)
        {
            if (!matched)
            {
                matches.Clear();
                current = keys[key];
                if (!reader.Read(current, matches))
                {
                    key++;
                    continue;
                }
                matched = true;
                value = keyOffsets[key];
                update = valOffsets[value];
                match = 0;
            }
            var found = CollectionsMarshal.AsSpan(matches);
            for (var end = valOffsets[keyOffsets[key + 1]]; update < end; update++, match = 0)
            {
                while (valOffsets[value + 1] <= update)
                    value++;
                for (; match < found.Length; match++)
                {
                    if (produced == fuel)
                        return produced;
                    var (otherValue, otherTime, otherDiff) = found[match];
                    pair(current, vals[value], times[update], diffs[update], otherValue, otherTime, otherDiff);
                    produced++;
                }
            }
            matched = false;
            key++;
        }
        return produced;
    }
}
