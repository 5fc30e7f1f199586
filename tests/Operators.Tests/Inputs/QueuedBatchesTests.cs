using Xunit.Abstractions;

namespace AkkaDifferential.Operators.Tests.Inputs;

/// <summary>
/// The bound on the batches queued at a dataflow's operator inputs (<c>input-max-queued-batches</c>,
/// docs/back-pressure.md): a producer that loads many batches at one time, which no output can pass before the input
/// advances, is held back while an operator does not take them in, and without the bound it is not; either way
/// nothing is lost.
/// </summary>
public sealed class QueuedBatchesTests(ITestOutputHelper output)
{
    private const int BatchSize = 100;
    // Enough that the producer, 25 ms a batch, would go on for 10 s: the frontier actor learns of the queue within that
    // even on a machine so loaded that its reports wait for a thread (on two busy cores, the first came after 31 batches).
    private const int Batches = 400;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan Stuck = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_load_at_one_time_waits_in_its_producer_while_more_batches_are_queued_than_the_bound()
    {
        var (finishedWhileStalled, sentWhileStalled) = await LoadAsync("2", Batches, waitForTheProducer: false);
        output.WriteLine($"The producer sent {sentWhileStalled} of {Batches} batches before it was held back (bound 2, 1 bucket).");
        Assert.False(finishedWhileStalled, $"The producer sent all {Batches} batches while the operator took in none.");
        Assert.True(sentWhileStalled < Batches, $"The producer sent {sentWhileStalled} of {Batches} batches while the operator took in none.");
    }

    [Fact]
    public async Task Without_the_bound_the_same_load_is_sent_ahead_of_the_dataflow()
    {
        var (finishedWhileStalled, _) = await LoadAsync("off", Batches / 10, waitForTheProducer: true);
        Assert.True(finishedWhileStalled);
    }

    /// <summary>
    /// Feeds <paramref name="batches"/> batches of <see cref="BatchSize"/> at time 0, <see cref="Pause"/> apart, from a
    /// thread of its own, into an operator that does not take in its first batch until released. Released once the
    /// producer has finished or has sent nothing for <see cref="Stuck"/> (with <paramref name="waitForTheProducer"/>:
    /// only once it has finished), and then asked to stop; returns whether it had finished and how many batches it had
    /// sent when released, after checking that every update it sent arrived.
    /// </summary>
    private static async Task<(bool Finished, int Sent)> LoadAsync(string bound, int batches, bool waitForTheProducer)
    {
        await using var engine = DifferentialEngine.Create($"akka-differential.input-batch-size = {BatchSize}\nakka-differential.input-max-queued-batches = {bound}");
        using var stall = new SemaphoreSlim(0);
        var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>("numbers");
            var stalled = numbers.InspectBatch(_ => stall.Wait());
            return (input, stalled.Count().Capture(), stalled.Probe());
        }, buckets: 1);
        await using var _ = dataflow;
        var (input, counts, probe) = dataflow.Handles;
        var sent = 0;
        var stop = false;
        var fed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // A thread of its own, as a loading program's main thread: the actors share the pool with the stalled one.
        var producer = new Thread(() =>
        {
            try
            {
                for (var b = 0; b < batches && !Volatile.Read(ref stop); b++)
                {
                    for (var i = 0; i < BatchSize; i++)
                        input.Insert(b * BatchSize + i);
                    Interlocked.Increment(ref sent);
                    Thread.Sleep(Pause);
                }
                fed.SetResult();
            }
            catch (Exception ex)
            {
                fed.SetException(ex);
            }
        }) { IsBackground = true };
        producer.Start();
        if (waitForTheProducer)
        {
            await fed.Task.WaitAsync(Timeout);
        }
        else
        {
            var seen = -1;
            while (!fed.Task.IsCompleted && Volatile.Read(ref sent) != seen)
            {
                seen = Volatile.Read(ref sent);
                await Task.WhenAny(fed.Task, Task.Delay(Stuck));
            }
        }
        var finished = fed.Task.IsCompleted;
        var sentWhileStalled = Volatile.Read(ref sent);
        Volatile.Write(ref stop, true);
        stall.Release(int.MaxValue / 2);
        await fed.Task.WaitAsync(Timeout);
        await input.AdvanceToAsync(1).WaitAsync(Timeout);
        await probe.WhenPassed(0).WaitAsync(Timeout);
        Assert.Equal(Volatile.Read(ref sent) * BatchSize, (await counts.CollectionAt(0).WaitAsync(Timeout)).Count);
        return (finished, sentWhileStalled);
    }
}
