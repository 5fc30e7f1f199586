using AkkaDifferential.Runtime.Progress;
using static AkkaDifferential.Runtime.Progress.NodeProgressProtocol;

namespace AkkaDifferential.Runtime.Tests.Progress;

/// <summary>The frontier actor's gate applies each node's messages once and in sequence order, whatever arrives when.</summary>
public sealed class SequenceGateTests
{
    private static NodeProgress Message(string node, long sequence) => new(node, sequence, []);

    [Fact]
    public void A_gap_holds_later_messages_until_it_fills_and_a_duplicate_is_dropped()
    {
        var gate = new SequenceGate();
        Assert.Equal([1L], gate.Accept(Message("a", 1)).Select(m => m.Sequence));
        Assert.Empty(gate.Accept(Message("a", 3)));
        Assert.Empty(gate.Accept(Message("a", 4)));
        Assert.Equal(1, gate.Applied("a"));
        Assert.Equal(2, gate.Held("a"));
        Assert.Empty(gate.Accept(Message("a", 1)));
        Assert.Equal([2L, 3L, 4L], gate.Accept(Message("a", 2)).Select(m => m.Sequence));
        Assert.Equal(4, gate.Applied("a"));
        Assert.Equal(0, gate.Held("a"));
        Assert.Empty(gate.Accept(Message("a", 3)));
    }

    [Fact]
    public void Nodes_have_their_own_sequences()
    {
        var gate = new SequenceGate();
        Assert.Empty(gate.Accept(Message("b", 2)));
        Assert.Single(gate.Accept(Message("a", 1)));
        Assert.Equal(0, gate.Applied("b"));
        Assert.Equal(2, gate.Accept(Message("b", 1)).Count);
        gate.Forget("b");
        Assert.Equal(0, gate.Applied("b"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Every_message_is_applied_exactly_once_in_order_whatever_the_arrival_order_and_duplicates(int seed)
    {
        // Arrivals: every sequence 1..n at least once, some twice (resends), shuffled; what passes is 1..n in order.
        var random = new Random(seed);
        const int n = 200;
        var arrivals = Enumerable.Range(1, n).Concat(Enumerable.Range(0, 80).Select(_ => random.Next(1, n + 1)))
            .Select(s => (Key: random.Next(), Sequence: (long)s)).OrderBy(a => a.Key).Select(a => a.Sequence).ToList();
        var gate = new SequenceGate();
        var applied = arrivals.SelectMany(s => gate.Accept(Message("a", s))).Select(m => m.Sequence).ToList();
        Assert.Equal(Enumerable.Range(1, n).Select(s => (long)s), applied);
        Assert.Equal(0, gate.Held("a"));
    }
}
