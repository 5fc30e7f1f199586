namespace AkkaDifferential.Progress.Graph;

/// <summary>
/// A place in the dataflow graph where pointstamps live: an operator's output port (a <em>source</em>, where
/// capabilities are held) or an operator's input port (a <em>target</em>, where messages wait to be consumed).
/// </summary>
/// <param name="Operator">The operator's index in the dataflow.</param>
/// <param name="Port">The port's index among the operator's inputs or outputs.</param>
/// <param name="IsSource">True for an output port, false for an input port.</param>
internal readonly record struct Location(int Operator, int Port, bool IsSource)
{
    /// <summary>The output port <paramref name="port"/> of <paramref name="op"/>.</summary>
    public static Location Source(int op, int port) => new(op, port, true);

    /// <summary>The input port <paramref name="port"/> of <paramref name="op"/>.</summary>
    public static Location Target(int op, int port) => new(op, port, false);

    /// <inheritdoc/>
    public override string ToString() => $"{(IsSource ? "out" : "in")}({Operator}:{Port})";
}
