namespace AkkaDifferential.Host.Soak;

/// <summary>What the soak measured after one round.</summary>
/// <param name="Round">The round (its logical time).</param>
/// <param name="HeapBytes">Managed heap after a full, compacting collection.</param>
/// <param name="WorkingSetBytes">The process's resident memory.</param>
/// <param name="TraceUpdates">Updates held by every arrangement of the dataflow, summed.</param>
/// <param name="TraceBatches">Batches of every arrangement, summed.</param>
/// <param name="CompactionLag">The greatest compaction lag of an arrangement (see <see cref="ArrangementSize.CompactionLag"/>).</param>
/// <param name="RoundMilliseconds">The round's latency: from its first change until its output was complete.</param>
internal sealed record SoakSample(long Round, long HeapBytes, long WorkingSetBytes, long TraceUpdates, long TraceBatches, long CompactionLag, double RoundMilliseconds);
