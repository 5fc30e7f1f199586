using AkkaDifferential.Operators.Tests.Runtime;
using Xunit.Abstractions;

namespace AkkaDifferential.Operators.Tests.Inputs;

/// <summary>
/// A producer faster than its dataflow is slowed to the dataflow's pace (docs/back-pressure.md): a loop of large
/// batches, each advanced with <see cref="InputSession{TData, TTime, TDiff}.AdvanceToAsync"/>, into a join whose every
/// batch of input matches many times its size. The updates in flight never exceed the bound by more than the batch
/// being filled, and the results equal the recomputation. The managed heap's peak is written to the output
/// (docs/back-pressure.md has the figures): it is not asserted, since on a loaded machine the producer is slowed by the
/// machine as much as by the bound, and the heap then does not tell the two apart (1.1-1.8 M updates in flight
/// without the bound at a load average of 50, and a heap peak within that of the bounded run). Run alone: the heap is
/// the process's.
/// </summary>
[Collection(MemoryCollection.Name)]
public sealed class BackPressureTests(ITestOutputHelper output)
{
    private const int Bound = 131_072;
    private const int Batch = 65_536;
    private const int Rounds = 64;
    private const int Keys = 64;
    private const int Matches = 16;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_fast_producer_awaiting_AdvanceToAsync_keeps_in_flight_under_the_bound()
    {
        await using var engine = DifferentialEngine.Create($"akka-differential.input-max-in-flight = {Bound}\nakka-differential.input-batch-size = {Batch}");
        var peakInFlight = await Produce(engine, (session, time) => session.AdvanceToAsync(time));
        Assert.True(peakInFlight <= Bound + Batch, $"{peakInFlight:N0} updates were in flight, over the bound {Bound:N0} and one batch of {Batch:N0}.");
    }

    [Fact]
    public async Task A_fast_producer_calling_AdvanceTo_on_its_own_thread_is_blocked_under_the_bound()
    {
        await using var engine = DifferentialEngine.Create($"akka-differential.input-max-in-flight = {Bound}\nakka-differential.input-batch-size = {Batch}");
        var peakInFlight = await Produce(engine, (session, time) => Task.Run(() => session.AdvanceTo(time)));
        Assert.True(peakInFlight <= Bound + Batch, $"{peakInFlight:N0} updates were in flight, over the bound {Bound:N0} and one batch of {Batch:N0}.");
    }

    /// <summary>The handles of <see cref="BuildJoinSizes"/>: both inputs, and the join's size per key captured and probed.</summary>
    internal readonly record struct JoinSizes(
        InputSession<(int Key, int Value), long, long> Left,
        InputSession<(int Key, int Value), long, long> Right,
        CaptureHandle<(int Key, long Count), long, long> Sizes,
        ProbeHandle<long> Probe);

    /// <summary>Joins a left and a right input by key and counts the pairs per key: the workload both back-pressure tests feed.</summary>
    internal static JoinSizes BuildJoinSizes(Scope<long> scope)
    {
        var (left, lefts) = scope.NewCollection<(int Key, int Value)>("left");
        var (right, rights) = scope.NewCollection<(int Key, int Value)>("right");
        var sizes = lefts.Join(rights).Map(static p => p.Key).Count();
        return new(left, right, sizes.Capture(), sizes.Probe());
    }

    /// <summary>
    /// Loads the right side (<see cref="Keys"/> keys with <see cref="Matches"/> values each), then feeds
    /// <see cref="Rounds"/> rounds of <see cref="Batch"/> left updates, one round per time, advancing with
    /// <paramref name="advance"/>; checks the counts of joined pairs at every time against the recomputation, and
    /// returns the most updates seen in flight (after a round's updates are given and after its advance returns),
    /// writing the heap's peak to the output.
    /// </summary>
    private async Task<long> Produce(DifferentialEngine engine, Func<InputSession<(int Key, int Value), long, long>, long, Task> advance)
    {
        var dataflow = await engine.BuildAsync<long, JoinSizes>(BuildJoinSizes, buckets: 2);
        await using var _ = dataflow;
        var (left, right, sizes, probe) = dataflow.Handles;
        for (var key = 0; key < Keys; key++)
            for (var value = 0; value < Matches; value++)
                right.Insert((key, value));
        right.Close();

        long peakInFlight = 0;
        await using var heap = new HeapSampler();
        for (var round = 0; round < Rounds; round++)
        {
            for (var i = 0; i < Batch; i++)
                left.Insert((i % Keys, round));
            peakInFlight = Math.Max(peakInFlight, left.InFlight);
            await advance(left, round + 1).WaitAsync(Timeout);
            peakInFlight = Math.Max(peakInFlight, left.InFlight);
        }
        left.Close();
        await probe.WhenDone().WaitAsync(Timeout);
        output.WriteLine($"peak in flight {peakInFlight:N0} updates (bound {Bound:N0}, batch {Batch:N0}); heap peak {heap.Peak >> 20} MiB with garbage, {heap.PeakAfterCollection >> 20} MiB after a collection, over {heap.Baseline >> 20} MiB before");

        // Each round adds Batch / Keys left values per key, each matching Matches right values.
        for (var time = 0; time < Rounds; time++)
        {
            var expected = Enumerable.Range(0, Keys).ToDictionary(key => (key, (long)(time + 1) * (Batch / Keys) * Matches), static _ => 1L);
            Assert.Equal(expected, (await sizes.CollectionAt(time).WaitAsync(Timeout)).ToDictionary());
        }
        return peakInFlight;
    }
}
