using AkkaDifferential.Operators.Inputs;
using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Operators.Dataflows;

/// <summary>
/// The life of a deployed dataflow as its handles see it: running, failed (with the cause) or stopped. Input
/// sessions refuse work once the dataflow is not running; probes and captures fail their waiters when it fails.
/// For a dataflow that recovers (<see cref="Recoverable"/>) it also holds what its owner shares with the sessions:
/// the incarnation the buckets run as now; and for every dataflow the frontier its outputs have passed and the
/// times of its open inputs, which input sessions read to retain and to slow a producer. Thread-safe: the dataflow actor writes it,
/// user threads read it.
/// </summary>
internal sealed class DataflowState(DataflowId id)
{
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile FlatTime[]? delivered;
    private volatile bool backlogged;
    private TaskCompletionSource boundsMoved = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile DeployedDataflow? current;
    private int recoveries;
    private int traceReaders;

    /// <summary>Counters of the dataflow's work.</summary>
    public DataflowMetrics Metrics { get; } = new(id);

    /// <summary>The dataflow's identity (its first incarnation's: each redeployment runs under an id of its own).</summary>
    public DataflowId Id { get; } = id;

    /// <summary>The dataflow's name, for errors.</summary>
    public string Name => Id.Name;

    /// <summary>
    /// True when the dataflow redeploys itself when it loses a bucket (deployed by name on a cluster with
    /// <see cref="DataflowSettings.Recovery"/> on): its input sessions retain what they accept. Set before deployment.
    /// </summary>
    public bool Recoverable { get; set; }

    /// <summary>
    /// The frontier that every output of the dataflow has passed (the meet of its captures', change streams' and
    /// probes' delivered frontiers; empty when it has none), null until deployed. Input sessions compact what they
    /// retain to it, held at the times readers acknowledged (<see cref="Retention"/>), and count what they sent at
    /// times it has passed as absorbed (back-pressure).
    /// </summary>
    public FlatTime[]? Delivered => delivered;

    /// <summary>
    /// Completes when what input sessions wait on next changes: <see cref="Delivered"/> moves or <see cref="Backlogged"/>
    /// flips (a new task after each change).
    /// </summary>
    public Task BoundsMoved => Volatile.Read(ref boundsMoved).Task;

    /// <summary>
    /// True while more batches are queued at the dataflow's operator inputs than <see cref="DataflowSettings.InputMaxQueuedBatches"/>
    /// allows (from over the bound until half of it): input sessions wait before they send more.
    /// </summary>
    public bool Backlogged => backlogged;

    /// <summary>The times of the dataflow's open input sessions.</summary>
    public OpenInputs Inputs { get; } = new();

    /// <summary>
    /// The frontier to which input sessions compact what they retain: <see cref="Delivered"/>, held at or below every
    /// time the readers of resumable change streams acknowledged (<see cref="Acknowledged"/>); null until deployed.
    /// </summary>
    public FlatTime[]? Retention => delivered is { } frontier ? Acknowledged.Hold(frontier) : null;

    /// <summary>The times acknowledged by the readers of the dataflow's resumable change streams (with the journal on).</summary>
    public Recovery.AcknowledgedTimes Acknowledged { get; } = new();

    /// <summary>The dataflow as deployed now: its latest incarnation; null before the first deployment.</summary>
    public DeployedDataflow? Current => current;

    /// <summary>How many times the dataflow has redeployed itself.</summary>
    public int Recoveries => Volatile.Read(ref recoveries);

    /// <summary>True when trace readers of the dataflow's arrangements were created (which a redeployment could not carry over).</summary>
    public bool HasTraceReaders => Volatile.Read(ref traceReaders) > 0;

    /// <summary>Completes when the dataflow stops; faults with a <see cref="DataflowFailedException"/> when it fails.</summary>
    public Task Completion => completion.Task;

    /// <summary>Moves the delivered frontier (only forward: the owner computes it from frontiers that never go back) and wakes who waits for it.</summary>
    public void AdvanceDelivered(FlatTime[] frontier)
    {
        delivered = frontier;
        WakeWaiters();
    }

    /// <summary>Records whether the backlog is over its bound, and wakes who waits for a change.</summary>
    public void SetBacklogged(bool over)
    {
        if (backlogged == over)
            return;
        backlogged = over;
        WakeWaiters();
    }

    private void WakeWaiters() =>
        Interlocked.Exchange(ref boundsMoved, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Records the incarnation the dataflow runs as now.</summary>
    public void Deployed(DeployedDataflow incarnation)
    {
        if (current is not null)
            Interlocked.Increment(ref recoveries);
        current = incarnation;
    }

    /// <summary>Records that a trace reader of one of the dataflow's arrangements was created.</summary>
    public void TraceReaderCreated() => Interlocked.Increment(ref traceReaders);

    /// <summary>Throws if the dataflow has failed or stopped: an explanation of why a handle cannot be used.</summary>
    public void ThrowIfNotRunning(string what)
    {
        if (!completion.Task.IsCompleted)
            return;
        if (completion.Task.Exception?.InnerException is { } failure)
            throw new InvalidOperationException($"Cannot {what}: dataflow '{Name}' has failed: {failure.Message}", failure);
        throw new ObjectDisposedException(Name, $"Cannot {what}: dataflow '{Name}' has been disposed.");
    }

    /// <summary>Marks the dataflow as failed.</summary>
    public void Fail(DataflowFailedException failure)
    {
        DifferentialMeter.Stopped(Id);
        completion.TrySetException(failure);
    }

    /// <summary>Marks the dataflow as stopped (no effect after a failure).</summary>
    public void Stopped()
    {
        DifferentialMeter.Stopped(Id);
        completion.TrySetResult();
    }
}
