using AkkaDifferential.Host.Examples;
using CsCheck;

namespace AkkaDifferential.Host.Tests.Examples;

/// <summary>
/// Mutual recursion with two <see cref="Variable{TData, TOuter, TDiff}"/>s of one scope: the nodes reached from a
/// root by walks of even length (<c>even = root ∪ succ(odd)</c>) and of odd length (<c>odd = succ(even)</c>), on
/// random graphs that change in rounds, against a search over (node, parity) states.
/// </summary>
public sealed class MutualRecursionTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private sealed record Handles(
        InputSession<(int Src, int Dst), long, long> Edges,
        InputSession<int, long, long> Roots,
        CaptureHandle<int, long, long> Even,
        CaptureHandle<int, long, long> Odd,
        ProbeHandle<long> Probe);

    private static Handles Build(Scope<long> scope)
    {
        var (edgesInput, edges) = scope.NewCollection<(int Src, int Dst)>();
        var (rootsInput, roots) = scope.NewCollection<int>();
        var (even, odd) = scope.Iterative(inner =>
        {
            var innerEdges = edges.Enter(inner);
            var innerRoots = roots.Enter(inner);
            var evenVariable = Variable<int, long, long>.NewFrom(innerRoots, name: "even");
            var oddVariable = Variable<int, long, long>.NewFrom(innerRoots.Filter(static _ => false), name: "odd");
            Collection<int, Product<long, int>, long> Successors(Collection<int, Product<long, int>, long> nodes) =>
                nodes.Map(static node => (node, 0)).JoinMap(innerEdges, static (_, _, dst) => dst);
            var nextEven = evenVariable.Set(Successors(oddVariable.Collection).Concat(innerRoots).Distinct());
            var nextOdd = oddVariable.Set(Successors(evenVariable.Collection).Distinct());
            return (nextEven.Leave().Consolidate(), nextOdd.Leave().Consolidate());
        });
        return new Handles(edgesInput, rootsInput, even.Capture(), odd.Capture(), even.Concat(odd).Probe());
    }

    [Fact]
    public async Task Even_and_odd_walks_equal_their_reference_after_every_round() =>
        await GraphCase.Gen.SampleAsync(async graph =>
        {
            var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) => Build(scope), graph.Buckets);
            await using var _ = dataflow;
            var (edges, roots, even, odd, probe) = dataflow.Handles;
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
                await probe.WhenPassed(round).WaitAsync(Timeout);
                var (expectedEven, expectedOdd) = GraphReference.EvenOdd(graph.EdgesAfter(round), root: 0);
                Assert.Equal(expectedEven.ToDictionary(n => n, _ => 1L), (await even.CollectionAt(round).WaitAsync(Timeout)).ToDictionary());
                Assert.Equal(expectedOdd.ToDictionary(n => n, _ => 1L), (await odd.CollectionAt(round).WaitAsync(Timeout)).ToDictionary());
            }
        }, iter: 20, threads: 1);
}
