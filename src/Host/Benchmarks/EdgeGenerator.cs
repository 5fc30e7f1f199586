namespace AkkaDifferential.Host.Benchmarks;

/// <summary>
/// Random edges as the upstream differential-dataflow examples draw them: each node is
/// <c>rng.gen_range(0, nodes)</c> of rand 0.4 over <see cref="Isaac64"/>, an edge is a source then a destination.
/// With <see cref="Isaac64.UpstreamDefault"/> the stream is the examples' own, so benchmarks run on the same inputs.
/// </summary>
/// <remarks>
/// rand 0.4 draws a node from the low 32 bits <c>v</c> of one output as <c>v % nodes</c>, rejecting (and drawing
/// again) when <c>v</c> falls in the incomplete last block <c>v &gt;= u32::MAX - u32::MAX % nodes</c>, so every node
/// is equally likely. The examples load M edges, insert further edges from the same generator, and remove edges
/// with a second generator seeded alike (so the i-th removal is the i-th loaded edge): two instances of this type.
/// </remarks>
internal sealed class EdgeGenerator
{
    private readonly Isaac64 _rng;
    private readonly uint _nodes;
    private readonly uint _zone;

    /// <summary>Edges between nodes <c>0 .. nodes-1</c>, drawn from <paramref name="rng"/> (which this generator advances).</summary>
    public EdgeGenerator(int nodes, Isaac64 rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nodes);
        ArgumentNullException.ThrowIfNull(rng);
        _rng = rng;
        _nodes = (uint)nodes;
        _zone = uint.MaxValue - uint.MaxValue % _nodes;
    }

    /// <summary>A uniformly random node in <c>0 .. nodes-1</c>; consumes one output, or more when a draw is rejected.</summary>
    public int NextNode()
    {
        while (true)
        {
            var v = _rng.NextUInt32();
            if (v < _zone) return (int)(v % _nodes);
        }
    }

    /// <summary>A random edge: the source is drawn first, then the destination.</summary>
    public (int Src, int Dst) NextEdge()
    {
        var src = NextNode();
        var dst = NextNode();
        return (src, dst);
    }
}
