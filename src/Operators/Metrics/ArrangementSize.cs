namespace AkkaDifferential;

/// <summary>The size of an arrangement's trace, summed over its buckets, and how far its readers hold compaction back.</summary>
/// <param name="Keys">Keys, counted per batch (a key in two batches counts twice until they merge).</param>
/// <param name="Updates">Updates held by the trace's batches.</param>
/// <param name="Batches">Batches the trace consists of.</param>
/// <param name="CompactionLag">
/// How far the trace's compaction frontier (its <c>since</c>: history before it is consolidated) trails the times it
/// has sealed (its <c>upper</c>), in the outermost time coordinate (rounds, for <c>long</c> times), at the bucket where
/// it trails most: 0 or 1 while its readers keep up, growing while a reader holds history back (a
/// <see cref="TraceReader{TKey, TVal, TTime, TDiff}"/> that does not allow compaction), and the trace's size with it.
/// </param>
/// <param name="HeldBy">The reader holding the compaction frontier back there, when <paramref name="CompactionLag"/> is above 1; null otherwise.</param>
public readonly record struct ArrangementSize(long Keys, long Updates, long Batches, long CompactionLag = 0, string? HeldBy = null);
