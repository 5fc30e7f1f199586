namespace AkkaDifferential.Runtime.Progress;

/// <summary>
/// What a node's <see cref="ProgressAgent"/> and the frontier actor exchange: one consolidated, sequenced message per
/// node and flush, and its acknowledgement. The frontier actor applies each <c>(node, sequence)</c> exactly once and
/// in order (<see cref="SequenceGate"/>): a lost <c>+1</c> would let a frontier pass too early, so a gap holds every
/// later message until it is filled, and the agent resends what is not acknowledged.
/// </summary>
/// <remarks>
/// Sequences are numbered per frontier incarnation: a frontier actor that starts afresh (a cluster singleton moved to
/// another member) knows no node's numbering, so a message addressed to an earlier incarnation is answered with
/// <see cref="Resynchronize"/>, and the agent numbers what it has not had acknowledged from 1 again for the new one.
/// The dataflows that the earlier incarnation tracked restart their progress with the new one under new ids (their
/// owners redeploy them), so what those messages carry for them is dropped there as retired or unknown.
/// </remarks>
internal static class NodeProgressProtocol
{
    /// <summary>
    /// Flush <paramref name="Sequence"/> (from 1, no gaps, per frontier incarnation) of the agent
    /// <paramref name="Node"/> (unique per agent incarnation): per dataflow, the changes its local senders reported
    /// since the previous flush, consolidated. The updates of one message take effect together, in order.
    /// <paramref name="Frontier"/> is the frontier incarnation the numbering belongs to, <see cref="Guid.Empty"/> until
    /// the agent has heard from one (whichever frontier actor answers first adopts the numbering).
    /// </summary>
    public sealed record NodeProgress(string Node, long Sequence, FrontierProtocol.ProgressUpdate[] Updates, Guid Frontier = default);

    /// <summary>Every message of <paramref name="Node"/> up to <paramref name="Sequence"/> is applied by frontier incarnation <paramref name="Frontier"/>.</summary>
    public sealed record NodeProgressAck(string Node, long Sequence, Guid Frontier);

    /// <summary>
    /// The answer of frontier incarnation <paramref name="Frontier"/> to a message numbered for another incarnation:
    /// the agent numbers every unacknowledged message from 1 again, addressed to <paramref name="Frontier"/>, and resends them.
    /// </summary>
    public sealed record Resynchronize(Guid Frontier);
}
