using System.Collections.Concurrent;
using CsCheck;

namespace AkkaDifferential.Operators.Tests.Collections;

/// <summary>
/// Linear operators, and counts over totally ordered times, fused into their producer's activation
/// (<c>OperatorNode.Fusable</c>): random updates at random times through chains of linear operators after keyed
/// ones (a count, a min, a join), built once fused and once with fusion off, give the same collection at every
/// closed time on every output; and a failure in a fused user function fails the dataflow naming that operator,
/// not its producer.
/// </summary>
public sealed class FusionTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private sealed record Change(int Key, long Diff, int Later, int LaterInner);

    private sealed record Round(Change[] Changes, int Advance);

    private static readonly Gen<Round[]> RoundsGen = Gen.Select(
        Gen.Select(Gen.Int[0, 9], Gen.Long[-1, 2], Gen.Int[0, 3], Gen.Int[0, 1], static (key, diff, later, inner) => new Change(key, diff == 0 ? 1 : diff, later, inner)).Array[0, 10],
        Gen.Int[1, 2],
        static (changes, advance) => new Round(changes, advance)).Array[1, 8];

    private sealed record Handles<TTime>(InputSession<int, TTime, long> Input, IReadOnlyList<CaptureHandle<int, TTime, long>> Outputs, ConcurrentQueue<(int Data, long Diff)> Inspected, ProbeHandle<TTime> Probe)
        where TTime : notnull;

    /// <summary>Chains of linear operators (map, filter, negate, flat-map, delay, inspect) after a count, a min and a join.</summary>
    private static Handles<TTime> Build<TTime>(Scope<TTime> scope, bool fuse, Func<TTime, TTime> delay) where TTime : notnull
    {
        scope.Builder.FuseLinear = fuse;
        var inspected = new ConcurrentQueue<(int Data, long Diff)>();
        var (input, keys) = scope.NewCollection<int>();
        var counted = keys.Count().Map(static c => (int)(c.Count * 10 + c.Key)).Filter(static x => x % 3 != 0).Negate().Map(static x => x + 1);
        var smallest = keys.Map(static k => (k % 3, k)).Min().FlatMap(static r => new[] { r.Item1, r.Value * 100 }).Delay(delay);
        var joined = keys.Map(static k => (k % 4, k)).Join(keys.Map(static k => (k % 4, -k)))
            .Map(static j => j.Value.Item1 + j.Value.Item2).Inspect(update => inspected.Enqueue((update.Data, update.Diff))).Filter(static x => x >= 0);
        var outputs = new[] { counted.Capture(), smallest.Capture(), joined.Capture(), counted.Concat(smallest).Map(static x => x * 2).Capture() };
        return new Handles<TTime>(input, outputs, inspected, joined.Probe());
    }

    [Fact]
    public async Task Fused_and_unfused_dataflows_agree_at_every_closed_long_time() =>
        await RoundsGen.SampleAsync(rounds => Compare<long>(rounds, buckets: 2,
            at: static (time, change) => time + change.Later,
            delay: static time => time + time % 2,
            advance: static (time, round) => time + round.Advance,
            closed: static (previous, time) => Enumerable.Range((int)previous, (int)(time - previous)).Select(static t => (long)t)), iter: 30, threads: 1);

    [Fact]
    public async Task Fused_and_unfused_dataflows_agree_at_every_closed_product_time() =>
        await RoundsGen.SampleAsync(rounds => Compare<Product<long, int>>(rounds, buckets: 3,
            at: static (time, change) => new Product<long, int>(time.Outer + change.Later, change.LaterInner),
            delay: static time => time with { Inner = time.Inner + (int)(time.Outer % 2) },
            advance: static (time, round) => new Product<long, int>(time.Outer + round.Advance, 0),
            closed: static (previous, time) => from o in Enumerable.Range((int)previous.Outer, (int)(time.Outer - previous.Outer))
                                                from i in Enumerable.Range(0, 3)
                                                select new Product<long, int>(o, i)), iter: 20, threads: 1);

    private async Task Compare<TTime>(Round[] rounds, int buckets, Func<TTime, Change, TTime> at, Func<TTime, TTime> delay,
        Func<TTime, Round, TTime> advance, Func<TTime, TTime, IEnumerable<TTime>> closed) where TTime : notnull
    {
        await using var fused = await fixture.Engine.BuildAsync((Scope<TTime> scope) => Build(scope, fuse: true, delay), buckets);
        await using var unfused = await fixture.Engine.BuildAsync((Scope<TTime> scope) => Build(scope, fuse: false, delay), buckets);
        var time = Timestamp.Minimum<TTime>();
        foreach (var round in rounds)
        {
            foreach (var change in round.Changes)
                foreach (var dataflow in new[] { fused, unfused })
                    dataflow.Handles.Input.UpdateAt(change.Key, at(time, change), change.Diff);
            var previous = time;
            time = advance(time, round);
            foreach (var dataflow in new[] { fused, unfused })
                dataflow.Handles.Input.AdvanceTo(time);
            foreach (var t in closed(previous, time))
            {
                await fused.Handles.Probe.WhenPassed(t).WaitAsync(Timeout);
                await unfused.Handles.Probe.WhenPassed(t).WaitAsync(Timeout);
                for (var o = 0; o < fused.Handles.Outputs.Count; o++)
                {
                    var expected = await unfused.Handles.Outputs[o].CollectionAt(t).WaitAsync(Timeout);
                    var actual = await fused.Handles.Outputs[o].CollectionAt(t).WaitAsync(Timeout);
                    Assert.True(expected.Count == actual.Count && expected.All(kv => actual.TryGetValue(kv.Key, out var d) && d == kv.Value),
                        $"output {o} at {t}: unfused {Show(expected)}, fused {Show(actual)}");
                }
            }
        }
        // Batches may be cut differently (an arrangement seals what its frontier allows when it hears of it): what the
        // inspection saw accumulates to the same collection.
        Assert.Equal(Accumulated(unfused.Handles.Inspected), Accumulated(fused.Handles.Inspected));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_failure_in_a_fused_map_fails_the_dataflow_naming_the_map(bool fuse)
    {
        await using var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            scope.Builder.FuseLinear = fuse;
            var (input, keys) = scope.NewCollection<int>();
            return (input, keys.Count().Map(static c => 10 / (int)(c.Count - 2), name: "tenths").Filter(static x => x > 0, name: "positive").Probe());
        }, buckets: 2);
        var (input, _) = dataflow.Handles;
        input.Insert(7);
        input.Insert(7);
        input.AdvanceTo(1);

        var failure = await Assert.ThrowsAsync<DataflowFailedException>(() => dataflow.Completion.WaitAsync(Timeout));
        Assert.Contains("Operator 'tenths'", failure.Message);
        Assert.Contains(nameof(DivideByZeroException), failure.Message);
        Assert.DoesNotContain("'Count", failure.Message);
        Assert.Equal(fuse, failure.Message.Contains("run in the activation of its producer", StringComparison.Ordinal));
    }

    private static List<(int Data, long Diff)> Accumulated(IEnumerable<(int Data, long Diff)> updates) =>
        [.. updates.GroupBy(static u => u.Data).Select(static g => (g.Key, g.Sum(static u => u.Diff))).Where(static g => g.Item2 != 0).Order()];

    private static string Show(IReadOnlyDictionary<int, long> collection) =>
        "{" + string.Join(", ", collection.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}x{kv.Value}")) + "}";
}
