using AkkaDifferential.Operators.Metrics;

namespace AkkaDifferential;

/// <summary>The counters of every operator of a dataflow, read at one moment (<see cref="DataflowMetrics.Snapshot"/>).</summary>
/// <param name="Id">The dataflow.</param>
/// <param name="Operators">Per operator, in the order they were built (an operator's index is its position).</param>
public sealed record DataflowSnapshot(DataflowId Id, IReadOnlyList<OperatorSnapshot> Operators)
{
    /// <summary>The counters as text, an operator a line (what <c>metrics-log-interval</c> logs).</summary>
    public override string ToString() => DataflowGraph.Text(this);

    /// <summary>The operator named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No operator of the dataflow has that name.</exception>
    public OperatorSnapshot this[string name] =>
        Operators.FirstOrDefault(o => o.Name == name)
        ?? throw new KeyNotFoundException($"Dataflow '{Id.Name}' has no operator named '{name}'; its operators are {string.Join(", ", Operators.Select(o => $"'{o.Name}'"))}.");
}
