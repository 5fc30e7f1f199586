using AkkaDifferential.Progress.Graph;

namespace AkkaDifferential.Progress.Tests.Tracking;

/// <summary>A progress graph with the depth (number of time coordinates) of the times at each of its locations.</summary>
internal sealed record TestGraph(string Name, ProgressGraph Graph, Func<Location, int> Depth)
{
    /// <summary>Every location of the graph: the inputs, then the outputs, of each operator in turn.</summary>
    public Location[] Locations { get; } =
    [
        .. Graph.Operators.SelectMany((shape, op) =>
            Enumerable.Range(0, shape.Inputs).Select(port => Location.Target(op, port))
                .Concat(Enumerable.Range(0, shape.Outputs).Select(port => Location.Source(op, port)))),
    ];

    /// <summary>The input ports, whose frontiers the tracker maintains.</summary>
    public Location[] Targets => [.. Locations.Where(l => !l.IsSource)];

    public override string ToString() => Name;
}

/// <summary>Small dataflow graphs covering the shapes the tracker must handle.</summary>
internal static class TestGraphs
{
    private static readonly PathSummary Enter = new(0, 1, 0);
    private static readonly PathSummary Leave = new(1, 0, 0);
    private static readonly PathSummary Feedback = new(0, 0, 1);

    private static Channel Edge(int fromOp, int fromPort, int toOp, int toPort) =>
        new(Location.Source(fromOp, fromPort), Location.Target(toOp, toPort));

    /// <summary>input → map → map → sink, with <c>long</c> times.</summary>
    public static TestGraph Chain { get; } = new(
        "chain",
        new ProgressGraph(
            [new("input", 0, 1), new("map", 1, 1), new("map", 1, 1), new("sink", 1, 0)],
            [Edge(0, 0, 1, 0), Edge(1, 0, 2, 0), Edge(2, 0, 3, 0)]),
        _ => 1);

    /// <summary>
    /// input → left, right → join → sink, with product times. The right operator has a second output that its input
    /// cannot cause (a null summary), feeding a second sink port: only its own capabilities hold that port back.
    /// </summary>
    public static TestGraph Diamond { get; } = new(
        "diamond",
        new ProgressGraph(
            [
                new("input", 0, 1),
                new("left", 1, 1),
                new("right", 1, 2, [[PathSummary.Identity, null]]),
                new("join", 2, 1),
                new("sink", 2, 0),
            ],
            [Edge(0, 0, 1, 0), Edge(0, 0, 2, 0), Edge(1, 0, 3, 0), Edge(2, 0, 3, 1), Edge(3, 0, 4, 0), Edge(2, 1, 4, 1)]),
        _ => 2);

    /// <summary>
    /// input → concat → body → sink, with body → feedback → concat's second input; the feedback operator adds one to
    /// the loop coordinate of a two-coordinate time.
    /// </summary>
    public static TestGraph Loop { get; } = new(
        "loop",
        new ProgressGraph(
            [
                new("input", 0, 1),
                new("concat", 2, 1),
                new("body", 1, 1),
                new("feedback", 1, 1, [[Feedback]]),
                new("sink", 1, 0),
            ],
            [Edge(0, 0, 1, 0), Edge(1, 0, 2, 0), Edge(2, 0, 3, 0), Edge(3, 0, 1, 1), Edge(2, 0, 4, 0)]),
        _ => 2);

    /// <summary>
    /// The loop inside an iteration scope: a one-coordinate input enters the scope (a coordinate is appended), goes
    /// around the loop, and leaves it (the coordinate is dropped) to a one-coordinate sink.
    /// </summary>
    public static TestGraph ScopedLoop { get; } = new(
        "scoped loop",
        new ProgressGraph(
            [
                new("input", 0, 1),
                new("enter", 1, 1, [[Enter]]),
                new("concat", 2, 1),
                new("body", 1, 1),
                new("feedback", 1, 1, [[Feedback]]),
                new("leave", 1, 1, [[Leave]]),
                new("sink", 1, 0),
            ],
            [Edge(0, 0, 1, 0), Edge(1, 0, 2, 0), Edge(2, 0, 3, 0), Edge(3, 0, 4, 0), Edge(4, 0, 2, 1), Edge(3, 0, 5, 0), Edge(5, 0, 6, 0)]),
        location => location.Operator switch
        {
            0 or 6 => 1,
            1 => location.IsSource ? 2 : 1,
            5 => location.IsSource ? 1 : 2,
            _ => 2,
        });
}
