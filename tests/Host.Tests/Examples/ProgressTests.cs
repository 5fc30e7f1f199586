using AkkaDifferential.Host.Examples;
using CsCheck;

namespace AkkaDifferential.Host.Tests.Examples;

/// <summary>
/// Frontiers of an iterative computation (breadth-first search), observed from outside and inside its loop. When
/// the output's probe passes a round, the output at that round is complete and equals the reference, and no update
/// at that round arrives later. Inside the loop, times are <c>(round, iteration)</c>: updates appear in increasing
/// iterations, and when the inner probe passes <c>(round, i)</c> the loop's collection at that time is complete and
/// holds the distances of at most <c>i + 1</c> hops.
/// </summary>
public sealed class ProgressTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>Updates seen by Inspect operators, in the order they were seen.</summary>
    private sealed class Recorder
    {
        public List<Update<(int Node, int Distance), Product<long, int>, long>> Inner { get; } = [];

        public List<Update<(int Node, int Distance), long, long>> Outer { get; } = [];

        public void RecordInner(Update<(int, int), Product<long, int>, long> update)
        {
            lock (Inner)
                Inner.Add(update);
        }

        public void RecordOuter(Update<(int, int), long, long> update)
        {
            lock (Outer)
                Outer.Add(update);
        }

        /// <summary>The number of updates seen so far, and their sum at times ≤ <paramref name="time"/>.</summary>
        public static (int Seen, List<(int, int)> Collection) At<TTime>(List<Update<(int Node, int Distance), TTime, long>> updates, TTime time)
            where TTime : notnull
        {
            lock (updates)
            {
                var sum = new Dictionary<(int, int), long>();
                foreach (var update in updates)
                    if (Lattice.LessEqual(update.Time, time))
                        sum[update.Data] = sum.GetValueOrDefault(update.Data) + update.Diff;
                Assert.All(sum.Values, count => Assert.InRange(count, 0, 1));
                return (updates.Count, [.. sum.Where(kv => kv.Value == 1).Select(kv => kv.Key).Order()]);
            }
        }
    }

    private sealed record Handles(
        InputSession<(int Src, int Dst), long, long> Edges,
        InputSession<int, long, long> Roots,
        ProbeHandle<long> Probe,
        ProbeHandle<Product<long, int>> InnerProbe);

    private static Handles Build(Scope<long> scope, Recorder recorder)
    {
        var (edgesInput, edges) = scope.NewCollection<(int Src, int Dst)>();
        var (rootsInput, roots) = scope.NewCollection<int>();
        var start = roots.Map(static root => (root, 0));
        var (distances, innerProbe) = scope.Iterative(inner =>
        {
            var variable = Variable<(int, int), long, long>.NewFrom(start.Enter(inner));
            var next = variable.Collection
                .JoinMap(edges.Enter(inner), static (_, distance, dst) => (dst, distance + 1))
                .Concat(start.Enter(inner))
                .Min()
                .Inspect(recorder.RecordInner);
            variable.Set(next);
            return (next.Leave(), next.Probe());
        });
        var probe = distances.Consolidate().Inspect(recorder.RecordOuter).Probe();
        return new Handles(edgesInput, rootsInput, probe, innerProbe);
    }

    [Fact]
    public async Task Probes_pass_a_time_only_when_its_results_are_complete() =>
        await GraphCase.Gen.SampleAsync(async graph =>
        {
            var recorder = new Recorder();
            var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) => Build(scope, recorder), graph.Buckets);
            await using var _ = dataflow;
            var (edges, roots, probe, innerProbe) = dataflow.Handles;
            var innerSnapshots = new List<(Product<long, int> Time, int Seen)>();
            var outerSnapshots = new List<(long Time, int Seen)>();
            roots.Insert(0);
            roots.Close();
            foreach (var edge in graph.Edges)
                edges.Insert(edge);

            for (var round = 0; round <= graph.Rounds.Count; round++)
            {
                if (round > 0)
                    foreach (var change in graph.Rounds[round - 1])
                        edges.Update(change.Edge, change.Diff);
                edges.AdvanceTo(round + 1);
                var live = graph.EdgesAfter(round);
                var expected = GraphReference.Bfs(live, root: 0);
                var depth = expected.Max(r => r.Value);

                // Iteration i of the loop body holds the distances of at most i + 1 hops.
                for (var i = 0; i <= depth + 1; i++)
                {
                    var time = new Product<long, int>(round, i);
                    await innerProbe.WhenPassed(time).WaitAsync(Timeout);
                    var (seen, collection) = Recorder.At(recorder.Inner, time);
                    Assert.Equal(GraphReference.Bfs(live, root: 0, maxDepth: i + 1), collection);
                    innerSnapshots.Add((time, seen));
                }

                await probe.WhenPassed(round).WaitAsync(Timeout);
                var (outerSeen, output) = Recorder.At(recorder.Outer, (long)round);
                Assert.Equal(expected, output);
                outerSnapshots.Add((round, outerSeen));
            }
            edges.Close();
            await probe.WhenDone().WaitAsync(Timeout);
            await innerProbe.WhenDone().WaitAsync(Timeout);

            // Nothing arrived at a time after its probe had passed it.
            foreach (var (time, seen) in innerSnapshots)
                Assert.DoesNotContain(recorder.Inner.Skip(seen), u => Lattice.LessEqual(u.Time, time));
            foreach (var (time, seen) in outerSnapshots)
                Assert.DoesNotContain(recorder.Outer.Skip(seen), u => u.Time <= time);

            // Within each round, the loop's updates came in increasing iterations.
            foreach (var round in recorder.Inner.GroupBy(u => u.Time.Outer))
            {
                var iterations = round.Select(u => u.Time.Inner).ToList();
                Assert.Equal(iterations.Order(), iterations);
            }
        }, iter: 15, threads: 1);
}
