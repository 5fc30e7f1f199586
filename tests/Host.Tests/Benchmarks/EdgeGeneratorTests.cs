using AkkaDifferential.Host.Benchmarks;

namespace AkkaDifferential.Host.Tests.Benchmarks;

/// <summary>
/// The edge generator against the upstream differential-dataflow examples' own stream (rand 0.4 <c>StdRng</c>, seed
/// [1, 2, 3, 4]), rejection sampling, and determinism.
/// </summary>
public sealed class EdgeGeneratorTests
{
    [Fact]
    public void The_first_edges_for_100_000_nodes_are_the_upstream_examples_edges()
    {
        var edges = new EdgeGenerator(100_000, Isaac64.UpstreamDefault());

        Assert.Equal((17490, 53517), edges.NextEdge());
        Assert.Equal((52495, 17434), edges.NextEdge());
        Assert.Equal((52252, 50478), edges.NextEdge());
        Assert.Equal((19289, 63178), edges.NextEdge());
    }

    [Fact]
    public void Edge_499_999_for_100_000_nodes_is_the_upstream_examples_edge()
    {
        var edges = new EdgeGenerator(100_000, Isaac64.UpstreamDefault());
        for (var i = 0; i < 499_999; i++) edges.NextEdge();

        Assert.Equal((15626, 26121), edges.NextEdge());
    }

    [Fact]
    public void Draws_in_the_incomplete_last_block_are_rejected_and_consume_an_output()
    {
        const int nodes = 2_000_000_000;
        const uint zone = uint.MaxValue - uint.MaxValue % nodes; // 4,000,000,000: about 7% of draws are rejected
        var rng = Isaac64.UpstreamDefault();
        var edges = new EdgeGenerator(nodes, rng);
        var outputs = Isaac64.UpstreamDefault();

        var rejected = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var node = edges.NextNode();
            Assert.InRange(node, 0, nodes - 1);

            // Replay the same outputs by hand: each rejected draw is one output skipped.
            uint v;
            while ((v = outputs.NextUInt32()) >= zone) rejected++;
            Assert.Equal((int)(v % nodes), node);
        }
        Assert.InRange(rejected, 400, 1_000); // ~690 expected
        // The generator consumed exactly the accepted and the rejected outputs: both are at the same point now.
        Assert.Equal(outputs.NextUInt64(), rng.NextUInt64());
    }

    [Fact]
    public void Low_32_bits_of_an_output_are_a_32_bit_draw()
    {
        var wide = Isaac64.UpstreamDefault();
        var narrow = Isaac64.UpstreamDefault();
        for (var i = 0; i < 1_000; i++) Assert.Equal((uint)wide.NextUInt64(), narrow.NextUInt32());
    }

    [Fact]
    public void Generators_with_the_same_seed_produce_the_same_stream()
    {
        // Over several 256-output rounds, so regeneration is covered too.
        var first = new EdgeGenerator(1_000, new Isaac64([7, 8, 9]));
        var second = new EdgeGenerator(1_000, new Isaac64([7, 8, 9]));
        var other = new EdgeGenerator(1_000, new Isaac64([7, 8, 10]));

        var differs = false;
        for (var i = 0; i < 2_000; i++)
        {
            var edge = first.NextEdge();
            Assert.Equal(edge, second.NextEdge());
            differs |= edge != other.NextEdge();
        }
        Assert.True(differs);
    }

    [Fact]
    public void A_seed_shorter_than_the_state_is_padded_with_zeros()
    {
        var padded = new ulong[256];
        padded[0] = 1; padded[1] = 2; padded[2] = 3; padded[3] = 4;
        var a = Isaac64.UpstreamDefault();
        var b = new Isaac64(padded);
        for (var i = 0; i < 600; i++) Assert.Equal(a.NextUInt64(), b.NextUInt64());
    }
}
