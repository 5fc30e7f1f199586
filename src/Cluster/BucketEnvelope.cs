using System.Globalization;
using Akka.Cluster.Sharding;

namespace AkkaDifferential.Cluster;

/// <summary>
/// A message for bucket <paramref name="Bucket"/> of dataflow instance <paramref name="Dataflow"/>, through the bucket
/// region: the entity id is the dataflow's instance and the bucket, the shard the bucket (see
/// <see cref="FixedBucketAllocation"/>). Only placement, start and stop go through the region; once placed, instances
/// talk over direct references.
/// </summary>
internal sealed record BucketEnvelope(Guid Dataflow, int Bucket, object Message)
{
    /// <summary>The entity id, <c>{instance}/{bucket}</c>.</summary>
    public string EntityId => $"{Dataflow:N}/{Bucket.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>Reads entity and shard ids from <see cref="BucketEnvelope"/>s.</summary>
internal sealed class BucketMessageExtractor : IMessageExtractor
{
    /// <inheritdoc/>
    public string? EntityId(object message) => (message as BucketEnvelope)?.EntityId;

    /// <inheritdoc/>
    public object? EntityMessage(object message) => (message as BucketEnvelope)?.Message ?? message;

    /// <inheritdoc/>
    public string? ShardId(object message) => (message as BucketEnvelope)?.Bucket.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public string ShardId(string entityId, object? messageHint = null) => entityId[(entityId.LastIndexOf('/') + 1)..];
}
