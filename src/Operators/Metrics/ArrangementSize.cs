namespace AkkaDifferential;

/// <summary>The size of an arrangement's trace, summed over its buckets.</summary>
/// <param name="Keys">Keys, counted per batch (a key in two batches counts twice until they merge).</param>
/// <param name="Updates">Updates held by the trace's batches.</param>
/// <param name="Batches">Batches the trace consists of.</param>
public readonly record struct ArrangementSize(long Keys, long Updates, long Batches);
