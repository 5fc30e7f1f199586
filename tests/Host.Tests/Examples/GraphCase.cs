using AkkaDifferential.Host.Examples;
using CsCheck;

namespace AkkaDifferential.Host.Tests.Examples;

/// <summary>
/// A random graph of a few dozen nodes with rounds of valid changes: insertions of random edges, removals of
/// edges present at that point, and second copies of present edges (the graph is a multiset).
/// </summary>
internal sealed record GraphCase(int Buckets, List<(int Src, int Dst)> Edges, List<List<EdgeChange>> Rounds)
{
    public static readonly Gen<GraphCase> Gen = CsCheck.Gen.Int[1, 30].SelectMany(nodes =>
    {
        var edge = CsCheck.Gen.Select(CsCheck.Gen.Int[0, nodes - 1], CsCheck.Gen.Int[0, nodes - 1]);
        // 0: insert the edge; 1: remove a present edge, picked by the number; 2: insert a present edge again.
        var change = CsCheck.Gen.Select(CsCheck.Gen.Int[0, 2], edge, CsCheck.Gen.Int[0, 1_000]);
        return CsCheck.Gen.Select(CsCheck.Gen.Int[1, 4], edge.Array[nodes / 2, 3 * nodes], change.Array[1, 8].Array[1, 5]);
    }).Select(t => Create(t.Item1, t.Item2, t.Item3));

    public GraphInput Input => new(Edges, Rounds);

    /// <summary>The edge multiset after <paramref name="rounds"/> rounds.</summary>
    public List<(int Src, int Dst)> EdgesAfter(int rounds)
    {
        var live = new List<(int, int)>(Edges);
        foreach (var change in Rounds.Take(rounds).SelectMany(r => r))
            if (change.Diff > 0)
                live.Add(change.Edge);
            else
                Assert.True(live.Remove(change.Edge));
        return live;
    }

    public override string ToString() =>
        $"buckets {Buckets}, edges [{string.Join(" ", Edges.Select(e => $"{e.Src}>{e.Dst}"))}], rounds [{string.Join(" | ", Rounds.Select(r => string.Join(", ", r)))}]";

    private static GraphCase Create(int buckets, (int, int)[] edges, (int Kind, (int Src, int Dst) Edge, int Pick)[][] rounds)
    {
        var live = new List<(int Src, int Dst)>(edges);
        var changes = new List<List<EdgeChange>>();
        foreach (var round in rounds)
        {
            var list = new List<EdgeChange>();
            foreach (var (kind, edge, pick) in round)
            {
                var chosen = kind == 0 || live.Count == 0 ? edge : live[pick % live.Count];
                if (kind == 1 && live.Count > 0)
                {
                    live.Remove(chosen);
                    list.Add(new EdgeChange(chosen.Src, chosen.Dst, -1));
                }
                else
                {
                    live.Add(chosen);
                    list.Add(new EdgeChange(chosen.Src, chosen.Dst, +1));
                }
            }
            changes.Add(list);
        }
        return new GraphCase(buckets, [.. edges], changes);
    }
}
