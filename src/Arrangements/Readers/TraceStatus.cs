namespace AkkaDifferential;

/// <summary>
/// The state of an arrangement's trace at one bucket, as a trace reader reports it (<c>TraceReader.StatusAsync</c>):
/// how far its history may be compacted, how far it reaches, what it holds, and which readers hold it back.
/// </summary>
/// <param name="Since">The compaction frontier: the trace's updates are accurate only at times in advance of it.</param>
/// <param name="Upper">The upper frontier: the trace holds every update at times not in advance of it.</param>
/// <param name="Updates">The number of updates the trace holds.</param>
/// <param name="Batches">The number of batches its spine holds them in.</param>
/// <param name="Readers">The ids of the readers that hold its history back.</param>
public sealed record TraceStatus<TTime>(Antichain<TTime> Since, Antichain<TTime> Upper, long Updates, int Batches, IReadOnlyList<string> Readers)
    where TTime : notnull;
