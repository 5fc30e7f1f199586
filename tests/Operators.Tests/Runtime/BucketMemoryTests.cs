using Xunit.Abstractions;

namespace AkkaDifferential.Operators.Tests.Runtime;

/// <summary>Heap measurements run alone: other tests allocating at the same time would be counted.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryCollection
{
    public const string Name = "heap measurements";
}

/// <summary>
/// The heap an idle operator instance costs does not grow with the number of buckets: no instance keeps a buffer,
/// route table or frontier per destination bucket before it uses it. Method (docs/buckets.md): deploy a dataflow
/// with every kind of operator, feed it one small round, force full collections, and divide the growth of the heap
/// since before the build by the number of operator instances.
/// </summary>
[Collection(MemoryCollection.Name)]
public sealed class BucketMemoryTests(ITestOutputHelper output)
{
    /// <summary>What an idle instance may cost, whatever the bucket count: its actor, mailbox and operator state.</summary>
    private const long BoundPerInstance = 8 * 1024;

    [Fact]
    public async Task An_idle_instance_costs_the_same_heap_at_4_64_and_1000_buckets()
    {
        await using var engine = DifferentialEngine.Create("akka-differential.deploy-timeout = 60s");
        var figures = new List<(int Buckets, long PerInstance)>();
        foreach (var buckets in new[] { 4, 64, 1000 })
        {
            var perInstance = await HeapPerInstance(engine, buckets);
            output.WriteLine($"{buckets} buckets: {perInstance:N0} bytes per idle operator instance");
            figures.Add((buckets, perInstance));
        }
        Assert.All(figures, f => Assert.True(f.PerInstance < BoundPerInstance, $"{f.PerInstance:N0} bytes per instance at {f.Buckets} buckets, over the bound of {BoundPerInstance:N0}."));
        // At 4 buckets the dataflow's fixed costs (its actor, the tracker, the plan) weigh on few instances; from 64
        // buckets on they do not, and 1000 buckets may cost at most a quarter more per instance than 64.
        Assert.True(figures[2].PerInstance <= figures[1].PerInstance * 5 / 4,
            $"Per-instance heap grows with the bucket count: {string.Join(", ", figures.Select(f => $"{f.PerInstance:N0} B at {f.Buckets}"))}.");
    }

    /// <summary>
    /// Deploys the measured dataflow with <paramref name="buckets"/> buckets, feeds one small round, and returns the
    /// heap it holds per operator instance once idle.
    /// </summary>
    internal static async Task<long> HeapPerInstance(DifferentialEngine engine, int buckets)
    {
        var before = Heap();
        var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, edges) = scope.NewCollection<(int Src, int Dst)>();
            var reversed = edges.Map(static e => (e.Dst, e.Src)).Filter(static e => e.Dst != e.Src);
            var paths = edges.JoinMap(reversed, static (middle, dst, src) => (src, dst));
            var counts = paths.Map(static p => p.src).Count();
            var result = counts.Concat(counts.Negate()).Consolidate();
            return (input, result.Capture(), result.Probe());
        }, buckets: buckets);
        var (input, _, probe) = dataflow.Handles;
        for (var i = 0; i < 10; i++)
            input.Insert((i, (i + 1) % 10));
        input.AdvanceTo(1);
        await probe.WhenPassed(0).WaitAsync(TimeSpan.FromSeconds(60));
        var after = Heap();
        var instances = dataflow.Instances;
        await dataflow.DisposeAsync();
        return (after - before) / instances;
    }

    private static long Heap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
