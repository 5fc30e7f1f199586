using AkkaDifferential.Operators.Exchange;

namespace AkkaDifferential.Operators.Builder;

/// <summary>One consumer of an output: the input port it feeds and how records are spread over its buckets.</summary>
internal sealed record Consumer<TData>(int Operator, int Port, Pact<TData> Pact);

/// <summary>The consumers of one output port of an operator, filled in as the dataflow is built.</summary>
internal sealed class OutputSpec<TData>
{
    private readonly List<Consumer<TData>> consumers = [];

    /// <summary>The consumers, in the order they were connected.</summary>
    public IReadOnlyList<Consumer<TData>> Consumers => consumers;

    /// <summary>Connects another consumer.</summary>
    public void Connect(Consumer<TData> consumer) => consumers.Add(consumer);
}
