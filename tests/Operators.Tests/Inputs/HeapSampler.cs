namespace AkkaDifferential.Operators.Tests.Inputs;

/// <summary>
/// Samples the managed heap (<see cref="GC.GetTotalMemory(bool)"/>, without collecting) every few milliseconds on
/// a thread of its own and keeps the greatest figure: the peak a workload reaches while it runs.
/// </summary>
internal sealed class HeapSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;
    private long peak;

    public HeapSampler()
    {
        Baseline = GC.GetTotalMemory(forceFullCollection: true);
        peak = Baseline;
        sampling = Task.Factory.StartNew(Sample, TaskCreationOptions.LongRunning);
    }

    /// <summary>The heap after a full collection when sampling began.</summary>
    public long Baseline { get; }

    /// <summary>The greatest heap seen so far.</summary>
    public long Peak => Math.Max(Volatile.Read(ref peak), GC.GetTotalMemory(forceFullCollection: false));

    /// <summary>How far the heap rose above <see cref="Baseline"/> at its peak.</summary>
    public long PeakGrowth => Peak - Baseline;

    private async Task Sample()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                var heap = GC.GetTotalMemory(forceFullCollection: false);
                if (heap > Volatile.Read(ref peak))
                    Volatile.Write(ref peak, heap);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await sampling;
        stop.Dispose();
    }
}
