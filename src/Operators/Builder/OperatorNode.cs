using Akka.Actor;
using AkkaDifferential.Operators.Runtime;
using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Operators.Builder;

/// <summary>
/// An operator of a dataflow as built: its ports, where its inputs come from, and how to create its instances.
/// The node holds the user's code (inside <see cref="Factory"/>); it never leaves the process that built it.
/// </summary>
internal sealed class OperatorNode
{
    /// <summary>The operator's index in the dataflow; also its id in progress locations and messages.</summary>
    public required int Index { get; init; }

    /// <summary>The operator's kind (<c>Map</c>, <c>Join</c>, <c>Input</c>, …), for the plan's description, metrics and pictures of the dataflow.</summary>
    public required string Kind { get; init; }

    /// <summary>A readable name, used in error messages: the user's name for the operator, or its kind and index.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// For each input port, the output port that feeds it. A loop's feedback input is connected after the node is
    /// created (<see cref="DataflowBuilder.ConnectLater"/>); until then its entry is null.
    /// </summary>
    public required Location?[] InputSources { get; init; }

    /// <summary>For each input port, how records reach its buckets (<see cref="IConnection.PactName"/>); null until connected.</summary>
    public required string?[] InputPacts { get; init; }

    /// <summary>For each input port, the output port that feeds it (all connected once the dataflow is built).</summary>
    public IReadOnlyList<Location> Inputs => [.. InputSources.Select(s => s!.Value)];

    /// <summary>
    /// True when the operator's instances react to their input frontiers (holding data until a time completes, or
    /// allowing compaction); the frontiers of operators that do not (linear operators) are not sent to them.
    /// </summary>
    public bool ObservesFrontiers { get; init; } = true;

    /// <summary>
    /// True for a linear operator of one input (map, filter, negate, inspect, …) and for a count over totally ordered
    /// times (which only reads the batch and trace it is given): an instance whose producer at the same bucket is an
    /// operator instance runs inside the producer's activation, a call instead of a message
    /// (<see cref="OperatorRuntime{TTime}.TryRunFused"/>); its own actor then receives nothing.
    /// </summary>
    public bool Fusable { get; init; }

    /// <summary>Names the variable of a feedback node, for the error when it is never set; null for other nodes.</summary>
    public string? UnsetMessage { get; init; }

    /// <summary>Per output port, an <see cref="OutputSpec{TData}"/> listing its consumers.</summary>
    public required IReadOnlyList<object> Outputs { get; init; }

    /// <summary>
    /// For an operator without inputs, the times at which each of its instances (or its input session) holds a
    /// capability when the dataflow starts; null for the minimum time. An import starts at its reader's frontier.
    /// </summary>
    public IReadOnlyList<FlatTime>? InitialCapabilities { get; init; }

    /// <summary>Input-to-output summaries, or null for identity everywhere.</summary>
    public PathSummary?[][]? Summaries { get; init; }

    /// <summary>Creates the operator's instance at one bucket, or null for operators without instances (inputs, probes).</summary>
    public Func<InstanceEnvironment, IOperatorRuntime>? Factory { get; init; }

    /// <summary>
    /// Props of an actor that lives with the dataflow's driver (a capture sink, a probe listener), given the
    /// dataflow's bucket count, or null.
    /// </summary>
    public Func<int, Props>? Endpoint { get; init; }

    /// <summary>True for a probe: an endpoint on the driver that observes its input's frontier, with no instances.</summary>
    public bool IsProbe => Factory is null && Endpoint is not null && InputSources.Length > 0;

    /// <summary>True for a capture: instances that hand what they read to an endpoint on the driver.</summary>
    public bool DeliversToEndpoint => Factory is not null && Endpoint is not null;

    /// <summary>The node's shape for the progress tracker.</summary>
    public OperatorShape Shape => new(Name, Inputs.Count, Outputs.Count, Summaries);
}
