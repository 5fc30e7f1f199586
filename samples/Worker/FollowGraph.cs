namespace AkkaDifferential.Samples.Worker;

/// <summary>
/// A changing follow graph, the sample's stand-in for a feed of events: each round follows a few new pairs and drops a
/// few existing follows, drawn from a seeded generator so that a run can be replayed (the sample's test does).
/// </summary>
public sealed class FollowGraph(int seed, int users)
{
    private readonly Random random = new(seed);
    private readonly List<(int Follower, int Followee)> edges = [];
    private readonly HashSet<(int Follower, int Followee)> present = [];

    /// <summary>The edges now.</summary>
    public IReadOnlyCollection<(int Follower, int Followee)> Edges => present;

    /// <summary>The next round's changes: +1 for a new follow, -1 for a dropped one.</summary>
    public List<((int Follower, int Followee) Edge, long Diff)> NextRound()
    {
        var changes = new List<((int, int), long)>();
        for (var i = 0; i < users / 10 + 1; i++)
        {
            var edge = (random.Next(users), random.Next(users));
            if (edge.Item1 != edge.Item2 && present.Add(edge))
            {
                edges.Add(edge);
                changes.Add((edge, 1));
            }
        }
        for (var i = 0; i < users / 40 && edges.Count > 0; i++)
        {
            var at = random.Next(edges.Count);
            var edge = edges[at];
            edges[at] = edges[^1];
            edges.RemoveAt(edges.Count - 1);
            present.Remove(edge);
            changes.Add((edge, -1));
        }
        return changes;
    }
}
