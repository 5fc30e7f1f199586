namespace AkkaDifferential.Runtime.Progress;

/// <summary>
/// What a node's <see cref="ProgressAgent"/> and the frontier actor exchange: one consolidated, sequenced message per
/// node and flush, and its acknowledgement. The frontier actor applies each <c>(node, sequence)</c> exactly once and
/// in order (<see cref="SequenceGate"/>): a lost <c>+1</c> would let a frontier pass too early, so a gap holds every
/// later message until it is filled, and the agent resends what is not acknowledged.
/// </summary>
internal static class NodeProgressProtocol
{
    /// <summary>
    /// Flush <paramref name="Sequence"/> (from 1, no gaps) of the agent <paramref name="Node"/> (unique per agent
    /// incarnation): per dataflow, the changes its local senders reported since the previous flush, consolidated.
    /// The updates of one message take effect together, in order.
    /// </summary>
    public sealed record NodeProgress(string Node, long Sequence, FrontierProtocol.ProgressUpdate[] Updates);

    /// <summary>Every message of <paramref name="Node"/> up to <paramref name="Sequence"/> is applied.</summary>
    public sealed record NodeProgressAck(string Node, long Sequence);
}
