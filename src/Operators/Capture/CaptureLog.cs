using System.Collections;

namespace AkkaDifferential.Operators.Capture;

/// <summary>
/// The updates a capture keeps, in chunks that are only ever appended to: a snapshot is the chunk directory and a
/// count, taken in constant time and never changed afterwards, since later updates go to slots it does not cover and
/// folding (of a <see cref="CaptureMode.Consolidated"/> capture) builds new chunks. Not thread-safe: the capture's
/// handle serializes every call under its lock; snapshots are read without it.
/// </summary>
/// <param name="minimumFold">The size below which the log is not folded: folding a small log costs more than it frees.</param>
internal sealed class CaptureLog<TData, TTime, TDiff>(int minimumFold = CaptureLog<TData, TTime, TDiff>.DefaultMinimumFold)
    where TData : notnull where TTime : notnull
{
    /// <summary>The default of the size below which the log is not folded.</summary>
    public const int DefaultMinimumFold = 1024;

    private const int ChunkBits = 12;
    private const int ChunkSize = 1 << ChunkBits;

    private Update<TData, TTime, TDiff>[][] chunks = [];
    private int count;
    private int folded;
    private readonly int minimumFold = minimumFold;
    private int nextFold = minimumFold;

    /// <summary>The number of updates kept.</summary>
    public int Count => count;

    /// <summary>
    /// The times at or after which the kept updates give the exact collection: the join of the times folded so far,
    /// or the minimum time while nothing was folded.
    /// </summary>
    public TTime Since { get; private set; } = Timestamp.Minimum<TTime>();

    /// <summary>Appends one update.</summary>
    public void Add(in Update<TData, TTime, TDiff> update)
    {
        var chunk = count >> ChunkBits;
        if (chunk == chunks.Length)
        {
            // A new directory, so that snapshots holding the old one are unaffected.
            var grown = new Update<TData, TTime, TDiff>[Math.Max(4, chunks.Length * 2)][];
            Array.Copy(chunks, grown, chunks.Length);
            chunks = grown;
        }
        chunks[chunk] ??= new Update<TData, TTime, TDiff>[ChunkSize];
        chunks[chunk][count & (ChunkSize - 1)] = update;
        count++;
    }

    /// <summary>The updates kept now, as a list that later changes do not affect.</summary>
    public IReadOnlyList<Update<TData, TTime, TDiff>> Snapshot() => new View(chunks, count);

    /// <summary>True when the log has grown enough since the last fold for folding to pay for itself.</summary>
    public bool ShouldFold => count >= nextFold;

    /// <summary>
    /// Folds every unfolded update at a time <paramref name="frontier"/> has passed and ≤ every time of
    /// <paramref name="pinned"/> (reads waiting for an answer), together with what was folded before, into one update
    /// per record at the join of their times; the other updates are kept as they are, after them.
    /// </summary>
    public void Fold(Antichain<TTime> frontier, IReadOnlyList<TTime> pinned)
    {
        var sums = new Dictionary<TData, TDiff>();
        var kept = new List<Update<TData, TTime, TDiff>>();
        var upTo = Since;
        var snapshot = new View(chunks, count);
        for (var i = 0; i < count; i++)
        {
            var update = snapshot[i];
            if (i >= folded && (frontier.LessEqual(update.Time) || !AllLessEqual(update.Time, pinned)))
            {
                kept.Add(update);
                continue;
            }
            if (i >= folded)
                upTo = Lattice.Join(upTo, update.Time);
            sums[update.Data] = sums.TryGetValue(update.Data, out var sum) ? Difference.Add(sum, update.Diff) : update.Diff;
        }
        chunks = [];
        count = 0;
        foreach (var (data, sum) in sums)
            if (!Difference.IsZero(sum))
                Add(new Update<TData, TTime, TDiff>(data, upTo, sum));
        folded = count;
        Since = upTo;
        foreach (var update in kept)
            Add(update);
        // Folding again once the log has doubled makes its cost constant per update, amortized.
        nextFold = Math.Max(minimumFold, 2 * count);
    }

    private static bool AllLessEqual(TTime time, IReadOnlyList<TTime> bounds)
    {
        foreach (var bound in bounds)
            if (!Lattice.LessEqual(time, bound))
                return false;
        return true;
    }

    /// <summary>A fixed prefix of the log.</summary>
    private sealed class View(Update<TData, TTime, TDiff>[][] chunks, int count) : IReadOnlyList<Update<TData, TTime, TDiff>>
    {
        public int Count => count;

        public Update<TData, TTime, TDiff> this[int index]
        {
            get
            {
                ArgumentOutOfRangeException.ThrowIfNegative(index);
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
                return chunks[index >> ChunkBits][index & (ChunkSize - 1)];
            }
        }

        public IEnumerator<Update<TData, TTime, TDiff>> GetEnumerator()
        {
            for (var chunk = 0; chunk << ChunkBits < count; chunk++)
            {
                var items = chunks[chunk];
                var end = Math.Min(ChunkSize, count - (chunk << ChunkBits));
                for (var i = 0; i < end; i++)
                    yield return items[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
