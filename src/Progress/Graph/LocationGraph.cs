namespace AkkaDifferential.Progress.Graph;

/// <summary>
/// A <see cref="ProgressGraph"/> as the progress tracker walks it: every location numbered (each operator's inputs,
/// then its outputs, operator by operator) and, from each, the steps a time can take in one move — along a channel
/// (the identity summary) or across an operator from an input to an output (that input's summary to it).
/// </summary>
internal sealed class LocationGraph
{
    private readonly int[] firstInput;
    private readonly int[] firstOutput;
    private readonly (int To, PathSummary Summary)[][] steps;

    /// <summary>Numbers the locations of <paramref name="graph"/>, which must be valid.</summary>
    public LocationGraph(ProgressGraph graph)
    {
        Graph = graph;
        var operators = graph.Operators;
        firstInput = new int[operators.Count];
        firstOutput = new int[operators.Count];
        var locations = new List<Location>();
        for (var op = 0; op < operators.Count; op++)
        {
            firstInput[op] = locations.Count;
            for (var port = 0; port < operators[op].Inputs; port++) locations.Add(Location.Target(op, port));
            firstOutput[op] = locations.Count;
            for (var port = 0; port < operators[op].Outputs; port++) locations.Add(Location.Source(op, port));
        }
        Locations = [.. locations];

        var from = new List<(int, PathSummary)>[Locations.Length];
        for (var i = 0; i < from.Length; i++) from[i] = [];
        foreach (var channel in graph.Channels)
            from[IndexOf(channel.Source)].Add((IndexOf(channel.Target), PathSummary.Identity));
        for (var op = 0; op < operators.Count; op++)
        {
            var shape = operators[op];
            for (var input = 0; input < shape.Inputs; input++)
                for (var output = 0; output < shape.Outputs; output++)
                    if (shape.Summary(input, output) is { } summary)
                        from[firstInput[op] + input].Add((firstOutput[op] + output, summary));
        }
        steps = new (int, PathSummary)[Locations.Length][];
        for (var i = 0; i < from.Length; i++) steps[i] = [.. from[i]];
    }

    /// <summary>The graph numbered.</summary>
    public ProgressGraph Graph { get; }

    /// <summary>Every location, by number.</summary>
    public Location[] Locations { get; }

    /// <summary>The steps from location number <paramref name="location"/>.</summary>
    public ReadOnlySpan<(int To, PathSummary Summary)> Steps(int location) => steps[location];

    /// <summary>The number of <paramref name="location"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="location"/> is not a port of the graph.</exception>
    public int IndexOf(Location location)
    {
        // A port's number is its operator's first plus the port: in range exactly when it is below the next group's first.
        var op = location.Operator;
        if ((uint)op < (uint)firstInput.Length && location.Port >= 0)
        {
            var at = (location.IsSource ? firstOutput[op] : firstInput[op]) + location.Port;
            if (at < (location.IsSource ? (op + 1 < firstInput.Length ? firstInput[op + 1] : Locations.Length) : firstOutput[op]))
                return at;
        }
        throw new ArgumentException($"Location {location} is not in the dataflow graph of {Graph.Operators.Count} operators.");
    }
}
