namespace AkkaDifferential.Progress.Graph;

/// <summary>
/// The shape of a dataflow as the progress tracker sees it: operators with input and output ports, channels from
/// outputs to inputs, and for each operator the summary from each input to each output. It carries no user code,
/// so it can be sent to a frontier actor on another node.
/// </summary>
/// <param name="Operators">Per operator, its port counts and internal summaries.</param>
/// <param name="Channels">The edges from output ports to input ports.</param>
internal sealed record ProgressGraph(IReadOnlyList<OperatorShape> Operators, IReadOnlyList<Channel> Channels)
{
    /// <summary>
    /// Checks that every channel joins an existing output to an existing input, and that every operator has a summary
    /// (or null) per input and output, none of which takes a time back (a negative truncation, extension or increment).
    /// </summary>
    /// <exception cref="ArgumentException">The graph refers to a port that does not exist, or a summary is malformed.</exception>
    public void Validate()
    {
        foreach (var channel in Channels)
        {
            if (!channel.Source.IsSource || !Exists(channel.Source))
                throw new ArgumentException($"Channel from missing output {channel.Source}.");
            if (channel.Target.IsSource || !Exists(channel.Target))
                throw new ArgumentException($"Channel to missing input {channel.Target}.");
        }
        for (var op = 0; op < Operators.Count; op++)
        {
            var shape = Operators[op];
            if (shape.Inputs < 0 || shape.Outputs < 0)
                throw new ArgumentException($"Operator {op} ({shape.Name}) has a negative number of ports.");
            if (shape.Summaries is not { } summaries)
                continue;
            if (summaries.Length != shape.Inputs || Array.Exists(summaries, row => row is null || row.Length != shape.Outputs))
                throw new ArgumentException($"Operator {op} ({shape.Name}) needs a summary (or null) for each of its {shape.Inputs} inputs and {shape.Outputs} outputs.");
            for (var input = 0; input < shape.Inputs; input++)
                for (var output = 0; output < shape.Outputs; output++)
                    if (summaries[input][output] is { } summary && (summary.Truncate < 0 || summary.Extend < 0 || summary.Increment < 0))
                        throw new ArgumentException($"Operator {op} ({shape.Name}) has a negative summary {summary} from input {input} to output {output}.");
        }
    }

    /// <summary>True when <paramref name="location"/> names a port of an operator of the graph.</summary>
    public bool Exists(Location location) =>
        location.Operator >= 0 && location.Operator < Operators.Count && location.Port >= 0
        && location.Port < (location.IsSource ? Operators[location.Operator].Outputs : Operators[location.Operator].Inputs);
}

/// <summary>An operator's ports and how times change from each input to each output.</summary>
/// <param name="Name">A readable name, for messages.</param>
/// <param name="Inputs">The number of input ports.</param>
/// <param name="Outputs">The number of output ports.</param>
/// <param name="Summaries">
/// Per input, per output, the summary, or null when the input cannot cause output at that port. Null as a whole
/// means every input connects to every output with the identity summary.
/// </param>
internal sealed record OperatorShape(string Name, int Inputs, int Outputs, PathSummary?[][]? Summaries = null)
{
    /// <summary>The summary from input <paramref name="input"/> to output <paramref name="output"/>, or null when none.</summary>
    public PathSummary? Summary(int input, int output) => Summaries is null ? PathSummary.Identity : Summaries[input][output];
}

/// <summary>A channel: records leave <paramref name="Source"/> (an output port) and arrive at <paramref name="Target"/> (an input port).</summary>
internal readonly record struct Channel(Location Source, Location Target);
