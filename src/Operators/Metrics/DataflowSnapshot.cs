using AkkaDifferential.Operators.Metrics;

namespace AkkaDifferential;

/// <summary>The counters of every operator of a dataflow (<see cref="DataflowMetrics.Snapshot"/>).</summary>
/// <param name="Id">The dataflow.</param>
/// <param name="Operators">Per operator, in the order they were built (an operator's index is its position).</param>
public sealed record DataflowSnapshot(DataflowId Id, IReadOnlyList<OperatorSnapshot> Operators)
{
    /// <summary>Updates delivered to operator instances (each counted once per operator that received it).</summary>
    public long RecordsProcessed => Operators.Sum(o => o.RecordsIn);

    /// <summary>Batches delivered to operator instances.</summary>
    public long BatchesProcessed => Operators.Sum(o => o.BatchesIn);

    /// <summary>The counters as text, an operator a line (what <c>metrics-log-interval</c> logs).</summary>
    public override string ToString() => DataflowGraph.Text(this);

    /// <summary>The operator graph with these counters, as <see cref="Dataflow{THandles}.Describe"/> draws it.</summary>
    /// <param name="format">Graphviz DOT (the default) or Mermaid.</param>
    public string Describe(GraphFormat format = GraphFormat.Dot) => DataflowGraph.Render(this, format);

    /// <summary>The operator named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No operator of the dataflow has that name.</exception>
    public OperatorSnapshot this[string name] =>
        Operators.FirstOrDefault(o => o.Name == name)
        ?? throw new KeyNotFoundException($"Dataflow '{Id.Name}' has no operator named '{name}'; its operators are {string.Join(", ", Operators.Select(o => $"'{o.Name}'"))}.");
}
