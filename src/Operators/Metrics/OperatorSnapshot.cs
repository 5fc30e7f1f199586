namespace AkkaDifferential;

/// <summary>The counters of one operator of a dataflow, summed over its buckets (<see cref="Buckets"/>: per bucket).</summary>
/// <param name="Index">The operator's index in its dataflow.</param>
/// <param name="Name">Its name: the one given to the operator, or its kind and index (<c>Map#3</c>).</param>
/// <param name="Kind">Its kind: <c>Input</c>, <c>Map</c>, <c>Join</c>, <c>ArrangeByKey</c>, <c>Reduce</c>, …</param>
/// <param name="Inputs">The operators whose outputs feed its inputs, one per input port.</param>
/// <param name="RecordsIn">Updates delivered to its instances.</param>
/// <param name="BatchesIn">Batches delivered to its instances.</param>
/// <param name="RecordsOut">Updates its outputs produced (counted once whatever the number of consumers).</param>
/// <param name="BatchesOut">Batches its outputs produced.</param>
/// <param name="Arrangement">The size of its trace, for an arrangement; null for other operators.</param>
/// <param name="Frontier">
/// Its input frontier over all buckets, as the minimal times (<c>{3}</c>, <c>{(1, 2)}</c>; <c>{}</c> once no more
/// input can come); for an input session, its time. Null for operators that are not told their frontier (linear
/// operators such as <c>Map</c>, which never wait for one).
/// </param>
/// <param name="Lag">
/// How far <paramref name="Frontier"/> trails the least time of the dataflow's open input sessions, in the outermost
/// time coordinate (rounds, for <c>long</c> times): 0 when the operator has caught up or is done, null when it reports
/// no frontier or no input session is open.
/// </param>
public sealed record OperatorSnapshot(
    int Index,
    string Name,
    string Kind,
    IReadOnlyList<int> Inputs,
    long RecordsIn,
    long BatchesIn,
    long RecordsOut,
    long BatchesOut,
    ArrangementSize? Arrangement,
    string? Frontier,
    long? Lag)
{
    /// <summary>
    /// Per bucket that has reported, in bucket order, its figures and the member it runs on; empty for an operator
    /// that runs on the driver only (an input session).
    /// </summary>
    public IReadOnlyList<BucketSnapshot> Buckets { get; init; } = [];
}
