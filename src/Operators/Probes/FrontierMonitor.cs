using AkkaDifferential.Operators.Dataflows;

namespace AkkaDifferential.Operators.Probes;

/// <summary>
/// A frontier observed from outside the dataflow, with tasks that complete when it passes a time. Shared by
/// probes and captures. Thread-safe: an actor advances it, user threads read and wait on it. When the dataflow
/// fails, waiters fail with its exception; when it is disposed, they fail with <see cref="ObjectDisposedException"/>.
/// </summary>
internal sealed class FrontierMonitor<TTime> where TTime : notnull
{
    private readonly object gate = new();
    private readonly List<(Func<Antichain<TTime>, bool> Passed, TaskCompletionSource Done)> waiters = [];
    private Antichain<TTime> frontier = Antichain<TTime>.From(Timestamp.Minimum<TTime>());
    private Exception? failure;

    public FrontierMonitor(DataflowState state) =>
        state.Completion.ContinueWith(
            t => Fail(t.Exception?.InnerException ?? new ObjectDisposedException(state.Name, $"Dataflow '{state.Name}' was disposed before the frontier passed the awaited time.")),
            TaskScheduler.Default);

    /// <summary>A copy of the current frontier.</summary>
    public Antichain<TTime> Frontier
    {
        get
        {
            lock (gate)
                return new Antichain<TTime>(frontier.Elements);
        }
    }

    /// <summary>Replaces the frontier and completes the waiters whose time it has passed.</summary>
    public void Advance(Antichain<TTime> next)
    {
        List<TaskCompletionSource> done = [];
        lock (gate)
        {
            frontier = next;
            waiters.RemoveAll(w =>
            {
                if (!w.Passed(next))
                    return false;
                done.Add(w.Done);
                return true;
            });
        }
        foreach (var tcs in done)
            tcs.TrySetResult();
    }

    /// <summary>Completes when no time ≤ <paramref name="time"/> can appear any more.</summary>
    public Task WhenPassed(TTime time, CancellationToken cancellation) => When(f => !f.LessEqual(time), cancellation);

    /// <summary>Completes when the frontier is empty: nothing can appear any more.</summary>
    public Task WhenEmpty(CancellationToken cancellation) => When(f => f.IsEmpty, cancellation);

    private Task When(Func<Antichain<TTime>, bool> passed, CancellationToken cancellation)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (passed(frontier))
                return Task.CompletedTask;
            if (failure is not null)
                return Task.FromException(failure);
            waiters.Add((passed, tcs));
        }
        if (cancellation.CanBeCanceled)
            cancellation.Register(() => tcs.TrySetCanceled(cancellation));
        return tcs.Task;
    }

    private void Fail(Exception cause)
    {
        List<TaskCompletionSource> pending;
        lock (gate)
        {
            failure = cause;
            pending = [.. waiters.Select(w => w.Done)];
            waiters.Clear();
        }
        foreach (var tcs in pending)
            tcs.TrySetException(cause);
    }
}
