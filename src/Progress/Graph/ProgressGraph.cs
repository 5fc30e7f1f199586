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
    /// <summary>Checks that every channel and summary names existing ports.</summary>
    /// <exception cref="ArgumentException">The graph refers to a port that does not exist.</exception>
    public void Validate()
    {
        foreach (var channel in Channels)
        {
            if (channel.Source.Operator >= Operators.Count || channel.Source.Port >= Operators[channel.Source.Operator].Outputs)
                throw new ArgumentException($"Channel from missing output {channel.Source}.");
            if (channel.Target.Operator >= Operators.Count || channel.Target.Port >= Operators[channel.Target.Operator].Inputs)
                throw new ArgumentException($"Channel to missing input {channel.Target}.");
        }
    }
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
