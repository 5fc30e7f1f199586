using Akka.Actor;
using AkkaDifferential.Operators.Exchange;
using AkkaDifferential.Operators.Runtime;
using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Progress.Tracking;

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
    /// Whether linear operators of one input and counts over totally ordered times added from now on are fused into their producers
    /// (<see cref="OperatorNode.Fusable"/>); on unless a test compares the fused dataflow with the unfused one.
    /// </summary>
    public bool FuseLinear { get; set; } = true;

    /// <summary>
    /// Adds an operator reading the given inputs (each connected with its pact) and writing the given outputs
    /// (one <see cref="OutputSpec{TData}"/> per port), and returns it. Its name is <paramref name="name"/> when the
    /// user gave one, else the operator kind and its index (<c>Map#3</c>).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank or names another operator of the dataflow.</exception>
    public OperatorNode Add(
        string kind,
        IReadOnlyList<IConnection> inputs,
        IReadOnlyList<object> outputs,
        Func<InstanceEnvironment, IOperatorRuntime>? factory,
        Func<int, Props>? endpoint = null,
        PathSummary?[][]? summaries = null,
        bool observesFrontiers = true,
        string? name = null,
        IReadOnlyList<FlatTime>? initialCapabilities = null,
        bool fusable = false)
    {
        if (frozen)
            throw new InvalidOperationException("The dataflow has already been built: operators cannot be added to it any more.");
        var index = nodes.Count;
        var node = new OperatorNode
        {
            Index = index,
            Kind = kind,
            Name = NameOf(kind, index, name),
            InputSources = [.. inputs.Select(i => (Location?)i.Source)],
            InputPacts = [.. inputs.Select(i => i.PactName)],
            Outputs = outputs,
            Factory = factory,
            Endpoint = endpoint,
            Summaries = summaries,
            ObservesFrontiers = observesFrontiers,
            InitialCapabilities = initialCapabilities,
            Fusable = fusable,
        };
        for (var port = 0; port < inputs.Count; port++)
            inputs[port].Connect(node, port);
        nodes.Add(node);
        return node;
    }

    /// <summary>
    /// Adds a node with <paramref name="deferredInputs"/> inputs connected later with <see cref="ConnectLater"/> (a loop's
    /// feedback, whose input is computed from its own output). Building fails with <paramref name="unsetMessage"/> if
    /// an input is left unconnected.
    /// </summary>
    public OperatorNode AddDeferred(string kind, int deferredInputs, IReadOnlyList<object> outputs, Func<InstanceEnvironment, IOperatorRuntime> factory, PathSummary?[][] summaries, string unsetMessage)
    {
        if (frozen)
            throw new InvalidOperationException("The dataflow has already been built: operators cannot be added to it any more.");
        var node = new OperatorNode
        {
            Index = nodes.Count,
            Kind = kind,
            Name = NameOf(kind, nodes.Count, name: null),
            InputSources = new Location?[deferredInputs],
            InputPacts = new string[deferredInputs],
            Outputs = outputs,
            Factory = factory,
            Summaries = summaries,
            UnsetMessage = unsetMessage,
        };
        nodes.Add(node);
        return node;
    }

    /// <summary>
    /// The name of a new operator: the user's, which must be unique in the dataflow since errors identify operators by
    /// it, or the kind and index.
    /// </summary>
    private string NameOf(string kind, int index, string? name)
    {
        if (name is null)
            return $"{kind}#{index}";
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException($"The name of a {kind} operator cannot be blank.", nameof(name));
        if (nodes.Exists(n => n.Name == name))
            throw new ArgumentException($"The dataflow already has an operator named '{name}': operator names identify operators in errors, so each must be distinct.", nameof(name));
        return name;
    }

    /// <summary>Connects input <paramref name="port"/> of a node added with <see cref="AddDeferred"/>.</summary>
    /// <exception cref="InvalidOperationException">The input is already connected.</exception>
    public void ConnectLater(OperatorNode node, int port, IConnection connection)
    {
        if (frozen)
            throw new InvalidOperationException("The dataflow has already been built: it cannot be changed any more.");
        if (node.InputSources[port] is not null)
            throw new InvalidOperationException($"Input {port} of '{node.Name}' is already connected.");
        node.InputSources[port] = connection.Source;
        node.InputPacts[port] = connection.PactName;
        connection.Connect(node, port);
    }

    /// <summary>Freezes the dataflow into a plan.</summary>
    /// <exception cref="InvalidOperationException">A feedback input was never connected (a variable never set).</exception>
    public DataflowPlan Build()
    {
        var unset = nodes.FirstOrDefault(n => n.InputSources.Any(s => s is null));
        if (unset is not null)
            throw new InvalidOperationException(unset.UnsetMessage ?? $"Operator '{unset.Name}' has an unconnected input.");
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

    /// <summary>How records are spread over the consumer's buckets, for the plan's description (<c>Pipeline</c>, <c>Exchange</c>).</summary>
    string PactName { get; }

    /// <summary>Registers input <paramref name="port"/> of <paramref name="consumer"/> as a consumer of <see cref="Source"/>.</summary>
    void Connect(OperatorNode consumer, int port);
}

/// <summary>A typed input connection: the consumer reads records of <typeparamref name="TData"/> under <see cref="Pact"/>.</summary>
internal sealed record Connection<TData>(OutputSpec<TData> Spec, Location Source, Pact<TData> Pact) : IConnection
{
    /// <inheritdoc/>
    public string PactName => Pact.GetType().Name.Replace("Pact", "", StringComparison.Ordinal);

    /// <inheritdoc/>
    public void Connect(OperatorNode consumer, int port) => Spec.Connect(new Consumer<TData>(consumer.Index, port, Pact, consumer));
}

/// <summary>A built dataflow: its operators (with user code) and the progress graph derived from them.</summary>
internal sealed record DataflowPlan(IReadOnlyList<OperatorNode> Operators, ProgressGraph Graph)
{
    /// <summary>
    /// The collections whose batches may go from one node to another when the buckets run on several: an input
    /// session's (from the driver to every bucket), and every output that a consumer reads exchanged by key or hands
    /// to the driver. Per output, its operator and its record, time and difference types.
    /// </summary>
    public IEnumerable<(OperatorNode Operator, Type Record, Type Time, Type Diff)> CrossingCollections() =>
        from node in Operators
        from output in node.Outputs.OfType<IDescribedOutput>()
        where output.CollectionTypes is not null && (output.MayCrossNodes || (node.Factory is null && node.Inputs.Count == 0))
        select (node, output.Record, output.CollectionTypes!.Value.Time, output.CollectionTypes!.Value.Diff);
}
