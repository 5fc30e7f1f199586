using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Progress.Tests.Tracking;

/// <summary>
/// The definition of a frontier, computed by brute force: the frontier of an input port is the set of minimal times
/// <c>s(t)</c> over every pointstamp <c>(l, t)</c> with a positive count and every path <c>l → port</c> with summary
/// <c>s</c>. Paths are enumerated breadth-first up to three times the number of locations: going around a loop
/// only makes a time larger, so longer paths add no minimal element.
/// </summary>
internal static class ReachabilityModel
{
    public static Dictionary<Location, HashSet<FlatTime>> Frontiers(TestGraph graph, IEnumerable<(Location Location, FlatTime Time)> pointstamps)
    {
        var edges = Edges(graph);
        var bound = 3 * graph.Locations.Length;
        var reached = graph.Targets.ToDictionary(target => target, _ => new List<FlatTime>());
        var layer = pointstamps.Distinct().ToList();
        var seen = new HashSet<(Location, FlatTime)>(layer);
        for (var step = 0; step <= bound && layer.Count > 0; step++)
        {
            var next = new List<(Location, FlatTime)>();
            foreach (var (location, time) in layer)
            {
                if (!location.IsSource)
                    reached[location].Add(time);
                foreach (var (to, summary) in edges[location])
                {
                    var state = (to, Apply(summary, time));
                    if (seen.Add(state))
                        next.Add(state);
                }
            }
            layer = next;
        }
        return reached.ToDictionary(entry => entry.Key, entry => NaiveOrder.Minimal(entry.Value));
    }

    /// <summary>
    /// A summary applied by its definition, independently of <see cref="PathSummary.Apply"/>: drop the trailing
    /// coordinates, append zeros, add the increment to the last coordinate.
    /// </summary>
    private static FlatTime Apply(PathSummary summary, FlatTime time)
    {
        var kept = time.Coordinates[..(time.Length - summary.Truncate)].ToArray();
        var result = kept.Concat(new long[summary.Extend]).ToArray();
        result[^1] += summary.Increment;
        return new FlatTime(result);
    }

    /// <summary>Channels with the identity summary, and each operator's input-to-output summaries.</summary>
    private static Dictionary<Location, List<(Location To, PathSummary Summary)>> Edges(TestGraph graph)
    {
        var edges = graph.Locations.ToDictionary(location => location, _ => new List<(Location, PathSummary)>());
        foreach (var channel in graph.Graph.Channels)
            edges[channel.Source].Add((channel.Target, PathSummary.Identity));
        for (var op = 0; op < graph.Graph.Operators.Count; op++)
        {
            var shape = graph.Graph.Operators[op];
            for (var input = 0; input < shape.Inputs; input++)
                for (var output = 0; output < shape.Outputs; output++)
                    if (shape.Summary(input, output) is { } summary)
                        edges[Location.Target(op, input)].Add((Location.Source(op, output), summary));
        }
        return edges;
    }
}
