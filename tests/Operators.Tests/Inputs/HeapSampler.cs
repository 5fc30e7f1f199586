namespace AkkaDifferential.Operators.Tests.Inputs;

/// <summary>
/// Samples the managed heap every few milliseconds on a thread of its own and keeps the greatest figures: the peak a
/// workload reaches while it runs. Two figures: the heap as it stands (<see cref="GC.GetTotalMemory(bool)"/>, without
/// collecting: live objects and the garbage not yet collected, which grows with the load of the machine, since the
/// collector runs later when it waits for a core), and the heap that the latest collection left
/// (<see cref="GCMemoryInfo.HeapSizeBytes"/> less its fragmentation), which counts what survived a collection: what
/// the workload keeps, whatever the machine's load.
/// </summary>
internal sealed class HeapSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;
    private long peak;
    private long peakAfterCollection;

    public HeapSampler()
    {
        Baseline = GC.GetTotalMemory(forceFullCollection: true);
        peak = Baseline;
        peakAfterCollection = Baseline;
        sampling = Task.Factory.StartNew(Sample, TaskCreationOptions.LongRunning);
    }

    /// <summary>The heap after a full collection when sampling began.</summary>
    public long Baseline { get; }

    /// <summary>The greatest heap seen so far, garbage included.</summary>
    public long Peak => Math.Max(Volatile.Read(ref peak), GC.GetTotalMemory(forceFullCollection: false));

    /// <summary>The greatest heap that a collection since sampling began left behind.</summary>
    public long PeakAfterCollection => Math.Max(Volatile.Read(ref peakAfterCollection), AfterLastCollection());

    private static long AfterLastCollection()
    {
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        return info.HeapSizeBytes - info.FragmentedBytes;
    }

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
                var afterCollection = AfterLastCollection();
                if (afterCollection > Volatile.Read(ref peakAfterCollection))
                    Volatile.Write(ref peakAfterCollection, afterCollection);
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
