using Akka.Actor;
using AkkaDifferential.Operators.Dataflows;

namespace AkkaDifferential;

/// <summary>
/// A deployed dataflow: the handles its build function returned, and its life. Disposing it stops its actors; its
/// input sessions, probes and captures cannot be used afterwards. Other dataflows are unaffected.
/// </summary>
/// <typeparam name="THandles">What the build function returned.</typeparam>
public sealed class Dataflow<THandles> : IAsyncDisposable
{
    private readonly IActorRef actor;
    private readonly DataflowState state;

    internal Dataflow(THandles handles, IActorRef actor, DataflowState state, int instances)
    {
        Instances = instances;
        Handles = handles;
        this.actor = actor;
        this.state = state;
    }

    /// <summary>The dataflow's identity: its name and what makes this deployment unique.</summary>
    public DataflowId Id => state.Id;

    /// <summary>The dataflow's name, as given to <see cref="DifferentialEngine.BuildAsync"/> or generated; other live dataflows may share it.</summary>
    public string Name => state.Id.Name;

    /// <summary>The number of operator instances (actors) deployed, over all buckets.</summary>
    internal int Instances { get; }

    /// <summary>The bucket actors of the current incarnation, wherever they were placed (for placement checks).</summary>
    internal IReadOnlyList<IActorRef> Buckets => state.Current?.Buckets ?? [];

    /// <summary>Per bucket of the current incarnation, the actor of every operator instance (null for operators without instances).</summary>
    internal IReadOnlyList<IReadOnlyList<IActorRef?>> InstanceActors => state.Current?.Instances ?? [];

    /// <summary>
    /// How many times the dataflow has redeployed itself after losing a bucket or its frontier actor (a cluster
    /// member was lost): see docs/recovery.md. Always 0 for a dataflow whose buckets run on the driver's node.
    /// </summary>
    public int Recoveries => state.Recoveries;

    /// <summary>What the build function returned: input sessions, probes, captures.</summary>
    public THandles Handles { get; }

    /// <summary>Counters of the work the dataflow has done, per operator (<see cref="DataflowMetrics.Snapshot"/>).</summary>
    public DataflowMetrics Metrics => state.Metrics;

    /// <summary>
    /// Draws the dataflow's operator graph with its counters as its buckets last reported them
    /// (<see cref="DataflowMetrics.Snapshot"/>): per operator its name and kind, records and batches in and out, the
    /// size of its trace and its frontier; an edge per input. Paste DOT into Graphviz (<c>dot -Tsvg</c>), Mermaid into a
    /// <c>```mermaid</c> block of Markdown. <c>(await Metrics.SnapshotAsync()).Describe()</c> draws it with every
    /// bucket's counters of now.
    /// </summary>
    /// <param name="format">Graphviz DOT (the default) or Mermaid.</param>
    public string Describe(GraphFormat format = GraphFormat.Dot) => Metrics.Snapshot().Describe(format);

    /// <summary>Completes when the dataflow is disposed; faults with <see cref="DataflowFailedException"/> when an operator fails.</summary>
    public Task Completion => state.Completion;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        state.Stopped();
        try
        {
            await actor.GracefulStop(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TaskCanceledException)
        {
            // Already stopped (for example after a failure): nothing left to do.
        }
    }
}
