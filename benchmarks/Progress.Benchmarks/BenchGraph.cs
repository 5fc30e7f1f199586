using AkkaDifferential.Progress.Graph;

namespace AkkaDifferential.Progress.Benchmarks;

/// <summary>A progress graph with the number of time coordinates at each of its locations.</summary>
internal sealed record BenchGraph(string Name, ProgressGraph Graph, Func<Location, int> Depth)
{
    private static readonly PathSummary Enter = new(0, 1, 0);
    private static readonly PathSummary Leave = new(1, 0, 0);
    private static readonly PathSummary Feedback = new(0, 0, 1);

    private static Channel Edge(int fromOp, int fromPort, int toOp, int toPort) =>
        new(Location.Source(fromOp, fromPort), Location.Target(toOp, toPort));

    /// <summary>input → <paramref name="maps"/> maps → sink, with one-coordinate times.</summary>
    public static BenchGraph Chain(int maps)
    {
        var operators = new List<OperatorShape> { new("input", 0, 1) };
        var channels = new List<Channel>();
        for (var i = 1; i <= maps; i++)
        {
            operators.Add(new("map", 1, 1));
            channels.Add(Edge(i - 1, 0, i, 0));
        }
        operators.Add(new("sink", 1, 0));
        channels.Add(Edge(maps, 0, maps + 1, 0));
        return new($"chain of {operators.Count} operators", new ProgressGraph(operators, channels), _ => 1);
    }

    /// <summary>
    /// The shape of the bfs example: edges and roots enter an iteration scope; inside it the roots and the fed-back
    /// distances are concatenated, joined with the arranged edges, mapped and reduced to a minimum per node, which
    /// goes back around the loop (one iteration later) and leaves the scope to a probe. 12 operators, one loop.
    /// </summary>
    public static BenchGraph Bfs { get; } = new(
        "bfs-shaped (12 operators, one loop)",
        new ProgressGraph(
            [
                new("edges", 0, 1),          // 0
                new("roots", 0, 1),          // 1
                new("enter edges", 1, 1, [[Enter]]), // 2
                new("enter roots", 1, 1, [[Enter]]), // 3
                new("arrange", 1, 1),        // 4
                new("concat", 2, 1),         // 5
                new("join", 2, 1),           // 6
                new("map", 1, 1),            // 7
                new("min by key", 1, 1),     // 8
                new("feedback", 1, 1, [[Feedback]]), // 9
                new("leave", 1, 1, [[Leave]]), // 10
                new("probe", 1, 0),          // 11
            ],
            [
                Edge(0, 0, 2, 0), Edge(1, 0, 3, 0), Edge(2, 0, 4, 0), Edge(3, 0, 5, 0), Edge(4, 0, 6, 1),
                Edge(5, 0, 6, 0), Edge(6, 0, 7, 0), Edge(7, 0, 8, 0), Edge(8, 0, 9, 0), Edge(9, 0, 5, 1),
                Edge(8, 0, 10, 0), Edge(10, 0, 11, 0),
            ]),
        location => location.Operator switch
        {
            0 or 1 or 11 => 1,
            2 or 3 => location.IsSource ? 2 : 1,
            10 => location.IsSource ? 1 : 2,
            _ => 2,
        });
}
