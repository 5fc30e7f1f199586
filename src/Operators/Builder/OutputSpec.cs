using AkkaDifferential.Operators.Exchange;

namespace AkkaDifferential.Operators.Builder;

/// <summary>One consumer of an output: the input port it feeds, how records are spread over its buckets, and its node.</summary>
internal sealed record Consumer<TData>(int Operator, int Port, Pact<TData> Pact, OperatorNode Node);

/// <summary>What a plan's description, and the check of what crosses nodes, read of an output, whatever its record type.</summary>
internal interface IDescribedOutput
{
    /// <summary>The time and difference types of the collection the output carries, or null.</summary>
    (Type Time, Type Diff)? CollectionTypes { get; }

    /// <summary>The type of the records.</summary>
    Type Record { get; }

    /// <summary>
    /// True when some consumer may receive the output's batches on another node: it reads them exchanged by key
    /// (whichever bucket the key hashes to), or it hands them to an endpoint on the driver (a capture, a change stream).
    /// </summary>
    bool MayCrossNodes { get; }
}

/// <summary>The consumers of one output port of an operator, filled in as the dataflow is built.</summary>
internal sealed class OutputSpec<TData> : IDescribedOutput
{
    private readonly List<Consumer<TData>> consumers = [];

    /// <summary>
    /// The time and difference types of the collection this output carries, for the plan's description; null for an
    /// output that is not a collection (an arrangement's output names its types in <typeparamref name="TData"/>).
    /// </summary>
    public (Type Time, Type Diff)? CollectionTypes { get; set; }

    /// <inheritdoc/>
    public Type Record => typeof(TData);

    /// <inheritdoc/>
    public bool MayCrossNodes => consumers.Exists(c => c.Pact is Pact<TData>.ExchangePact || c.Node.DeliversToEndpoint);

    /// <summary>The consumers, in the order they were connected.</summary>
    public IReadOnlyList<Consumer<TData>> Consumers => consumers;

    /// <summary>Connects another consumer.</summary>
    public void Connect(Consumer<TData> consumer) => consumers.Add(consumer);
}
