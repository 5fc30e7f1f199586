using static AkkaDifferential.Runtime.Progress.NodeProgressProtocol;

namespace AkkaDifferential.Runtime.Progress;

/// <summary>
/// Lets each node's progress messages through exactly once and in sequence order: a duplicate (a resend of a
/// message already applied) is dropped, a message after a gap is held until the gap fills. Per node, sequences start
/// at 1. Akka-free logic of the frontier actor, tested on its own.
/// </summary>
internal sealed class SequenceGate
{
    private readonly Dictionary<string, (long Applied, SortedDictionary<long, NodeProgress> Held)> nodes = [];

    /// <summary>The highest sequence of <paramref name="node"/> applied with every one before it, 0 for none.</summary>
    public long Applied(string node) => nodes.TryGetValue(node, out var state) ? state.Applied : 0;

    /// <summary>The number of messages of <paramref name="node"/> held behind a gap.</summary>
    public int Held(string node) => nodes.TryGetValue(node, out var state) ? state.Held.Count : 0;

    /// <summary>
    /// Accepts <paramref name="message"/> and returns the messages to apply now, in order: none for a duplicate or a
    /// message after a gap, the message and every held one it unblocks otherwise.
    /// </summary>
    public IReadOnlyList<NodeProgress> Accept(NodeProgress message)
    {
        if (!nodes.TryGetValue(message.Node, out var state))
            state = (0, new SortedDictionary<long, NodeProgress>());
        if (message.Sequence <= state.Applied)
            return [];
        if (message.Sequence > state.Applied + 1)
        {
            state.Held.TryAdd(message.Sequence, message);
            nodes[message.Node] = state;
            return [];
        }
        var ready = new List<NodeProgress> { message };
        var applied = message.Sequence;
        while (state.Held.Remove(applied + 1, out var next))
        {
            ready.Add(next);
            applied++;
        }
        nodes[message.Node] = (applied, state.Held);
        return ready;
    }

    /// <summary>Forgets <paramref name="node"/> (it left the cluster).</summary>
    public void Forget(string node) => nodes.Remove(node);
}
