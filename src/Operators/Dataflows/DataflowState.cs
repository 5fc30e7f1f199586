namespace AkkaDifferential.Operators.Dataflows;

/// <summary>
/// The life of a deployed dataflow as its handles see it: running, failed (with the cause) or stopped. Input
/// sessions refuse work once the dataflow is not running; probes and captures fail their waiters when it fails.
/// Thread-safe: the dataflow actor writes it, user threads read it.
/// </summary>
internal sealed class DataflowState(DataflowId id)
{
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Counters of the dataflow's work.</summary>
    public DataflowMetrics Metrics { get; } = new(id);

    /// <summary>The dataflow's identity.</summary>
    public DataflowId Id { get; } = id;

    /// <summary>The dataflow's name, for errors.</summary>
    public string Name => Id.Name;

    /// <summary>Completes when the dataflow stops; faults with a <see cref="DataflowFailedException"/> when it fails.</summary>
    public Task Completion => completion.Task;

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
