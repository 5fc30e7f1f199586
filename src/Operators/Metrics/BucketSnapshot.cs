namespace AkkaDifferential;

/// <summary>The counters of one operator at one bucket, as the bucket last reported them to the driver.</summary>
/// <param name="Bucket">The bucket.</param>
/// <param name="Member">
/// The address of the actor system the bucket runs on (<c>akka.tcp://system@host:port</c> on a cluster, the
/// embedded engine's own address otherwise).
/// </param>
/// <param name="RecordsIn">Updates delivered to the operator's instance there.</param>
/// <param name="BatchesIn">Batches delivered to it.</param>
/// <param name="RecordsOut">Updates its outputs produced there.</param>
/// <param name="BatchesOut">Batches its outputs produced.</param>
/// <param name="Arrangement">The size of its trace there, for an arrangement; null for other operators.</param>
/// <param name="Frontier">Its input frontier there (<c>{3}</c>, <c>{}</c> once done); null for operators not told theirs.</param>
public sealed record BucketSnapshot(
    int Bucket,
    string Member,
    long RecordsIn,
    long BatchesIn,
    long RecordsOut,
    long BatchesOut,
    ArrangementSize? Arrangement,
    string? Frontier);
