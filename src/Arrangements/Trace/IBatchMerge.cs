using AkkaDifferential.Arrangements.Trace.Columns;
using AkkaDifferential.Arrangements.Trace.Composite;

namespace AkkaDifferential.Arrangements.Trace;

/// <summary>
/// A merge of two adjacent batches in progress, done a bounded amount at a time: what a <see cref="Spine{TKey, TVal, TTime, TDiff}"/>
/// holds while it amortizes its merges. Fuel is counted in input updates read, one unit each, and a call does at most
/// as many units as it was given. Two implementations: <see cref="BatchMerger{TKey, TVal, TTime, TDiff}"/> merges
/// plain batches into a plain batch, <see cref="CompositeMerger{TKey, TVal, TTime, TDiff}"/> merges the parts of
/// composite batches and routes each merged update to a part (<see cref="SettledRoute"/>); <see cref="Start"/> chooses.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TVal">The value type.</typeparam>
/// <typeparam name="TTime">The timestamp type.</typeparam>
/// <typeparam name="TDiff">The difference type.</typeparam>
internal interface IBatchMerge<TKey, TVal, TTime, TDiff> where TTime : notnull
{
    /// <summary>True when the merge has finished and <see cref="Result"/> is available.</summary>
    bool IsComplete { get; }

    /// <summary>The merged batch, once <see cref="IsComplete"/>.</summary>
    TraceBatch<TKey, TVal, TTime, TDiff> Result { get; }

    /// <summary>The number of input updates read so far: the units of work done.</summary>
    long Processed { get; }

    /// <summary>The updates held by the two inputs.</summary>
    long InputUpdates { get; }

    /// <summary>The inputs, older first.</summary>
    TraceBatch<TKey, TVal, TTime, TDiff> Older { get; }

    /// <inheritdoc cref="Older"/>
    TraceBatch<TKey, TVal, TTime, TDiff> Newer { get; }

    /// <summary>
    /// Reads at most <paramref name="fuel"/> input updates, merging them, and returns the fuel left. The merge
    /// completes within the call that reads its last update.
    /// </summary>
    long Work(long fuel);

    /// <summary>Finishes the merge at once, however long it takes, and returns the result.</summary>
    TraceBatch<TKey, TVal, TTime, TDiff> Complete();

    /// <summary>
    /// Starts merging <paramref name="older"/> and then <paramref name="newer"/>, advancing times by
    /// <paramref name="since"/> and writing string keys under <paramref name="keyEncoding"/>: a composite merge when
    /// <paramref name="composite"/> (the trace routes settled updates) or when an input has a base part, else a plain one.
    /// </summary>
    static IBatchMerge<TKey, TVal, TTime, TDiff> Start(
        TraceBatch<TKey, TVal, TTime, TDiff> older, TraceBatch<TKey, TVal, TTime, TDiff> newer, Antichain<TTime> since, KeyEncoding keyEncoding, bool composite) =>
        composite || older.Base is not null || newer.Base is not null
            ? new CompositeMerger<TKey, TVal, TTime, TDiff>(older, newer, since, keyEncoding, route: true)
            : new BatchMerger<TKey, TVal, TTime, TDiff>(older, newer, since, keyEncoding);
}
