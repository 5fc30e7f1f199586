namespace AkkaDifferential;

/// <summary>
/// The data batches a cluster member's wire carried (<see cref="DifferentialCluster.TrafficAsync"/>): those it sent
/// to other nodes, those it received from them, and those only serialized and read back in the process by
/// <c>akka.actor.serialize-messages = on</c>. Counted by the member's batch serializer, in batches, updates and bytes.
/// </summary>
/// <param name="Sent">Batches written for another node.</param>
/// <param name="Received">Batches read from frames another node wrote.</param>
/// <param name="Local">Batches serialized and read back within the process (local verification).</param>
public sealed record WireTraffic(WireTraffic.Count Sent, WireTraffic.Count Received, WireTraffic.Count Local)
{
    /// <summary>A number of batches, the updates they held and their bytes on the wire.</summary>
    /// <param name="Batches">Messages of updates.</param>
    /// <param name="Updates">Updates in them.</param>
    /// <param name="Bytes">Their serialized size.</param>
    public readonly record struct Count(long Batches, long Updates, long Bytes)
    {
        /// <summary>The difference of two counts.</summary>
        public static Count operator -(Count a, Count b) => new(a.Batches - b.Batches, a.Updates - b.Updates, a.Bytes - b.Bytes);

        /// <inheritdoc/>
        public override string ToString() => $"{Batches} batches, {Updates} updates, {Bytes} bytes";
    }

    /// <inheritdoc/>
    public override string ToString() => $"sent {Sent}; received {Received}; local {Local}";
}
