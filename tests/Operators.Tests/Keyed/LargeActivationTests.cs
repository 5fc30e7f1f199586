using AkkaDifferential.Operators.Runtime;

namespace AkkaDifferential.Operators.Tests.Keyed;

/// <summary>
/// Activations whose output is several times <see cref="OutputPort{TData, TTime, TDiff}.ChunkSize"/>: a join whose
/// first batch matches hundreds of thousands of pairs, and the counts over them. The output leaves in chunks while
/// the activation runs; nothing may be lost, duplicated or released early, at the load and after a change.
/// </summary>
public sealed class LargeActivationTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private const int Keys = 40;
    private const int PerKey = 100;

    [Fact]
    public async Task A_join_with_many_chunks_of_output_and_its_counts_are_exact()
    {
        var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (left, lefts) = scope.NewCollection<(int Key, int Value)>();
            var (right, rights) = scope.NewCollection<(int Key, int Value)>();
            var pairs = lefts.Join(rights);
            var sizes = pairs.Map(static p => p.Key).Count();
            return (left, right, pairs.Count().Map(static c => c.Count).Capture(), sizes.Capture(), sizes.Probe());
        }, buckets: 2);
        await using var _ = dataflow;
        var (left, right, distinctPairs, sizes, probe) = dataflow.Handles;

        // Each key has PerKey values on both sides: PerKey² pairs per key, 400,000 in all, in one activation per bucket.
        for (var key = 0; key < Keys; key++)
            for (var value = 0; value < PerKey; value++)
            {
                left.Insert((key, value));
                right.Insert((key, value));
            }
        left.AdvanceTo(1);
        right.AdvanceTo(1);
        await probe.WhenPassed(0);
        var expected = Enumerable.Range(0, Keys).ToDictionary(static key => (key, (long)PerKey * PerKey), static _ => 1L);
        Assert.Equal(expected, await sizes.CollectionAt(0));
        // Every distinct joined record once: no chunk sent twice.
        Assert.Equal(new Dictionary<long, long> { [1] = (long)Keys * PerKey * PerKey }, await distinctPairs.CollectionAt(0));

        // Removing one left value of key 0 removes PerKey pairs.
        left.Remove((0, 0));
        left.AdvanceTo(2);
        right.AdvanceTo(2);
        await probe.WhenPassed(1);
        expected.Remove((0, (long)PerKey * PerKey));
        expected[(0, (long)PerKey * (PerKey - 1))] = 1;
        Assert.Equal(expected, await sizes.CollectionAt(1));
    }
}
