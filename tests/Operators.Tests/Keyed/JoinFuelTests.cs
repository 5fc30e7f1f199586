using AkkaDifferential.Operators.Runtime;
using AkkaDifferential.Operators.Tests.Inputs;
using AkkaDifferential.Operators.Tests.Runtime;
using Xunit.Abstractions;

namespace AkkaDifferential.Operators.Tests.Keyed;

/// <summary>
/// A join's first evaluation far larger than its fuel (<c>join-fuel</c>, docs/back-pressure.md): one key with
/// <see cref="Values"/> values on each side, <see cref="Values"/>² pairs from one batch. With the fuel, every batch the
/// join sends (seen by a linear operator after it, which runs in the join's activation) holds at most the fuel, the
/// work takes many activations, and the output at every closed time equals the recomputation; without it (off), the
/// same batch is joined in one activation, sent in chunks of <see cref="OutputPort{TData, TTime, TDiff}.ChunkSize"/>.
/// The heap's peak in both is written to the output (docs/back-pressure.md has the figures). Run alone: the heap is
/// the process's.
/// </summary>
[Collection(MemoryCollection.Name)]
public sealed class JoinFuelTests(ITestOutputHelper output)
{
    private const int Fuel = 10_000;
    private const int Values = 2_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(300);

    [Fact]
    public async Task A_first_evaluation_far_over_the_fuel_is_sent_in_batches_within_it_and_is_exact()
    {
        var (largest, batches) = await Join($"{Fuel}");
        Assert.True(largest <= Fuel, $"The join sent a batch of {largest:N0} updates, over its fuel of {Fuel:N0}.");
        Assert.True(batches >= (long)Values * Values / Fuel, $"The join sent {Values * Values:N0} pairs in {batches:N0} batches: fewer than one per {Fuel:N0}.");
    }

    [Fact]
    public async Task Without_fuel_the_first_evaluation_is_sent_in_chunks_of_one_activation_and_is_exact()
    {
        var (largest, _) = await Join("off");
        Assert.Equal(OutputPort<int, long, long>.ChunkSize, largest);
    }

    /// <summary>
    /// Joins <see cref="Values"/> left and right values of one key at time 0, then at time 1 removes ten left values
    /// and adds ten right ones; checks the number of pairs of each left and each right value at both times against the
    /// recomputation from the inputs, and returns the largest batch the join sent and how many it sent.
    /// </summary>
    private async Task<(int Largest, long Batches)> Join(string fuel)
    {
        await using var engine = DifferentialEngine.Create($"akka-differential.join-fuel = {fuel}");
        var inspector = new BatchSizes();
        var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var (left, lefts) = scope.NewCollection<(int Key, int Value)>("left");
            var (right, rights) = scope.NewCollection<(int Key, int Value)>("right");
            var pairs = lefts.Join(rights).Unary<(int Key, (int, int) Value), long>("BatchSizes", null, inspector.Inspect);
            var byLeft = pairs.Map(static p => p.Value.Item1).Count();
            var byRight = pairs.Map(static p => p.Value.Item2).Count();
            return (left, right, byLeft.Capture(), byRight.Capture(), byLeft.Concat(byRight).Probe());
        }, buckets: 2);
        await using var _ = dataflow;
        var (left, right, byLeft, byRight, probe) = dataflow.Handles;

        var lefts = new HashSet<int>(Enumerable.Range(0, Values));
        var rights = new HashSet<int>(Enumerable.Range(0, Values));
        await using var heap = new HeapSampler();
        foreach (var value in lefts)
            left.Insert((0, value));
        foreach (var value in rights)
            right.Insert((0, value));
        left.AdvanceTo(1);
        right.AdvanceTo(1);
        await probe.WhenPassed(0).WaitAsync(Timeout);
        output.WriteLine($"join-fuel = {fuel}: {Values * Values:N0} pairs in {inspector.Batches:N0} batches, the largest {inspector.Largest:N0}; heap peak {heap.Peak >> 20} MiB with garbage, {heap.PeakAfterCollection >> 20} MiB after a collection, over {heap.Baseline >> 20} MiB before");
        await Verify(0);

        for (var value = 0; value < 10; value++)
        {
            left.Remove((0, value));
            lefts.Remove(value);
            right.Insert((0, Values + value));
            rights.Add(Values + value);
        }
        left.Close();
        right.Close();
        await probe.WhenDone().WaitAsync(Timeout);
        await Verify(1);
        return (inspector.Largest, inspector.Batches);

        async Task Verify(long time)
        {
            // Each left value pairs with every right value of the key, and the other way round.
            Assert.Equal(lefts.ToDictionary(v => (v, (long)rights.Count), static _ => 1L), (await byLeft.CollectionAt(time).WaitAsync(Timeout)).ToDictionary());
            Assert.Equal(rights.ToDictionary(v => (v, (long)lefts.Count), static _ => 1L), (await byRight.CollectionAt(time).WaitAsync(Timeout)).ToDictionary());
        }
    }

    /// <summary>A linear operator after the join that forwards each batch and keeps the largest size and the count: it runs in the join's activation, on each bucket's thread.</summary>
    private sealed class BatchSizes
    {
        private int largest;
        private long batches;

        public int Largest => Volatile.Read(ref largest);

        public long Batches => Interlocked.Read(ref batches);

        public void Inspect<TData>(UpdateBatch<TData, long, long> batch, OutputPort<TData, long, long> into)
        {
            Interlocked.Increment(ref batches);
            for (var seen = Volatile.Read(ref largest); batch.Count > seen; seen = Volatile.Read(ref largest))
                if (Interlocked.CompareExchange(ref largest, batch.Count, seen) == seen)
                    break;
            into.GiveBatch(batch);
        }
    }
}
