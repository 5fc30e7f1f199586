namespace AkkaDifferential.Host.Examples;

/// <summary>
/// Random directed graphs and random rounds of changes to them, drawn from a seeded <see cref="Random"/> so that
/// a run can be repeated (and a test can draw the same graph again).
/// </summary>
internal static class RandomGraph
{
    /// <summary><paramref name="count"/> edges between nodes <c>0 .. nodes-1</c>, uniformly (self-loops and repeats included).</summary>
    public static List<(int Src, int Dst)> Edges(Random random, int nodes, int count)
    {
        var edges = new List<(int, int)>(count);
        for (var i = 0; i < count; i++)
            edges.Add((random.Next(nodes), random.Next(nodes)));
        return edges;
    }

    /// <summary>
    /// <paramref name="rounds"/> rounds of <paramref name="perRound"/> changes to the graph <paramref name="initial"/>:
    /// alternately the removal of a random edge that is present at that point (when there is one) and the insertion
    /// of a random edge. Every removal is valid.
    /// </summary>
    public static List<List<EdgeChange>> Changes(Random random, int nodes, IEnumerable<(int Src, int Dst)> initial, int rounds, int perRound)
    {
        var live = new List<(int Src, int Dst)>(initial);
        var result = new List<List<EdgeChange>>(rounds);
        for (var r = 0; r < rounds; r++)
        {
            var round = new List<EdgeChange>(perRound);
            for (var k = 0; k < perRound; k++)
            {
                if (k % 2 == 0 && live.Count > 0)
                {
                    var index = random.Next(live.Count);
                    var (src, dst) = live[index];
                    live[index] = live[^1];
                    live.RemoveAt(live.Count - 1);
                    round.Add(new EdgeChange(src, dst, -1));
                }
                else
                {
                    var edge = (Src: random.Next(nodes), Dst: random.Next(nodes));
                    live.Add(edge);
                    round.Add(new EdgeChange(edge.Src, edge.Dst, +1));
                }
            }
            result.Add(round);
        }
        return result;
    }
}
