using Akka.Actor;
using AkkaDifferential.Operators.Exchange;
using AkkaDifferential.Operators.Runtime;
using AkkaDifferential.Progress.Graph;

namespace AkkaDifferential.Operators.Builder;

/// <summary>
/// Collects the operators of a dataflow while user code composes collections, then freezes them into a
/// <see cref="DataflowPlan"/>. Not thread-safe: a dataflow is built on one thread.
/// </summary>
internal sealed class DataflowBuilder
{
    private readonly List<OperatorNode> nodes = [];
    private bool frozen;

    /// <summary>
    /// Adds an operator reading the given inputs (each connected with its pact) and writing the given outputs
    /// (one <see cref="OutputSpec{TData}"/> per port), and returns it.
    /// </summary>
    public OperatorNode Add(
        string kind,
        IReadOnlyList<IConnection> inputs,
        IReadOnlyList<object> outputs,
        Func<InstanceEnvironment, IOperatorRuntime>? factory,
        Func<int, Props>? endpoint = null,
        PathSummary?[][]? summaries = null)
    {
        if (frozen)
            throw new InvalidOperationException("The dataflow has already been built: operators cannot be added to it any more.");
        var index = nodes.Count;
        var node = new OperatorNode
        {
            Index = index,
            Name = $"{kind}#{index}",
            Inputs = [.. inputs.Select(i => i.Source)],
            Outputs = outputs,
            Factory = factory,
            Endpoint = endpoint,
            Summaries = summaries,
        };
        for (var port = 0; port < inputs.Count; port++)
            inputs[port].Connect(index, port);
        nodes.Add(node);
        return node;
    }

    /// <summary>Freezes the dataflow into a plan.</summary>
    public DataflowPlan Build()
    {
        frozen = true;
        var channels = nodes.SelectMany(n => n.Inputs.Select((source, port) => new Channel(source, Location.Target(n.Index, port)))).ToList();
        return new DataflowPlan(nodes, new ProgressGraph([.. nodes.Select(n => n.Shape)], channels));
    }
}

/// <summary>An input connection being made: which output feeds it, and how to register the consumer there.</summary>
internal interface IConnection
{
    /// <summary>The output port the input reads.</summary>
    Location Source { get; }

    /// <summary>Registers input <paramref name="port"/> of operator <paramref name="op"/> as a consumer of <see cref="Source"/>.</summary>
    void Connect(int op, int port);
}

/// <summary>A typed input connection: the consumer reads records of <typeparamref name="TData"/> under <see cref="Pact"/>.</summary>
internal sealed record Connection<TData>(OutputSpec<TData> Spec, Location Source, Pact<TData> Pact) : IConnection
{
    /// <inheritdoc/>
    public void Connect(int op, int port) => Spec.Connect(new Consumer<TData>(op, port, Pact));
}

/// <summary>A built dataflow: its operators (with user code) and the progress graph derived from them.</summary>
internal sealed record DataflowPlan(IReadOnlyList<OperatorNode> Operators, ProgressGraph Graph);
