using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Arrangements.Trace.Columns;
using AkkaDifferential.Arrangements.Trace.Composite;
using AkkaDifferential.Arrangements.Trace.Hashed;
using CsCheck;

namespace AkkaDifferential.Arrangements.Tests.Trace;

/// <summary>
/// The routing of a composite trace's merges (<see cref="SettledRoute"/>, <see cref="CompositeMerger{TKey, TVal, TTime, TDiff}"/>):
/// every merged update lands in the part the policy names, both ways, and the parts read as the one batch the plain
/// merge writes. The trace property tests of <see cref="SpineTests"/>, <see cref="CompactionTests"/> and
/// <see cref="HuffmanLayoutTests"/> run composite spines too.
/// </summary>
public class CompositeTests
{
    private static readonly Antichain<long> Min = Antichain<long>.From(0);

    [Theory]
    [InlineData(KeyLayout.Ordered)]
    [InlineData(KeyLayout.Hashed)]
    public void MergesRouteEachUpdateToThePartThePolicyNames(KeyLayout layout) =>
        Gen.Select(TraceModel.Updates(Vals.Int, TimeDomains.Product, 120), TraceModel.Updates(Vals.Int, TimeDomains.Product, 120),
                TimeDomains.Product.Staircase, Gen.Long[0, 300].Array[0, 6])
            .Sample((olderUpdates, newerUpdates, staircase, fuels) =>
            {
                var domain = TimeDomains.Product;
                var bottom = domain.Frontier(domain.Bottom);
                var top = new Antichain<Product<long, int>>();
                var since = domain.Frontier(staircase);
                var older = TraceModel.Seal(olderUpdates, bottom, bottom, bottom, layout);
                var newer = TraceModel.Seal(newerUpdates, bottom, top, bottom, layout);
                var merger = new CompositeMerger<int, int, Product<long, int>, long>(older, newer, since, TraceLayout.Keys, route: true);
                foreach (var fuel in fuels)
                {
                    var before = merger.Processed;
                    var left = merger.Work(fuel);
                    Assert.Equal(fuel - left, merger.Processed - before);
                }
                var merged = merger.Complete();
                var plain = new BatchMerger<int, int, Product<long, int>, long>(older, newer, since).Complete();
                TraceModel.AssertWellFormed(merged, layout);
                Assert.Equal(TraceModel.Flatten<int, Product<long, int>>([plain]), TraceModel.Flatten<int, Product<long, int>>([merged]));
                var settles = SettledRoute.TrySettledTime(since, out var settled);
                var expectedBase = TraceModel.Flatten<int, Product<long, int>>([plain]).Where(u => settles && u.Time.Equals(settled) && u.Diff > 0).ToList();
                Assert.Equal(expectedBase, TraceModel.Flatten<int, Product<long, int>>(merged.Base is null ? [] : [merged.Base]));
            }, iter: 500);

    [Fact]
    public void SettledUpdatesLandInTheBasePartWithoutTimesOrDifferences()
    {
        // Insertions at times 0..9, compacted to 10: all settle, multiplicity 1, so the base part keeps keys and
        // values only; the general part keeps the updates at 11 and the retraction.
        var rows = new List<ModelUpdate<int, long>>();
        for (var k = 0; k < 200; k++)
            rows.Add(new(k, k % 3, k % 10, 1));
        rows.Add(new(500, 0, 11, 1));
        rows.Add(new(501, 0, 3, -1));
        var older = TraceModel.Seal(rows, Min, Antichain<long>.From(12), Min, KeyLayout.Ordered);
        var empty = TraceBatch<int, int, long, long>.Empty(new Description<long>(Antichain<long>.From(12), Antichain<long>.From(12), Min));
        var merged = new CompositeMerger<int, int, long, long>(older, empty, Antichain<long>.From(10), TraceLayout.Keys, route: true).Complete();
        var basePart = Assert.IsType<TraceBatch<int, int, long, long>>(merged.Base);
        Assert.Equal(200, basePart.UpdateCount);
        // The base part keeps its one time once and no value offsets under every layout; under the forced explicit one its differences are stored.
        Assert.True(basePart.Times.IsUniform);
        Assert.Equal(10L, basePart.Times[0]);
        Assert.True(basePart.ValOffsets.IsImplicit);
        Assert.Equal(!TraceLayout.Explicit, basePart.Diffs.IsUniform);
        Assert.Equal(1L, basePart.Diffs[0]);
        var general = merged.Parts[1];
        Assert.Equal([500, 501], general.Keys.ToArray());
        Assert.Equal([11L, 10L], general.Times.ToArray());
        Assert.Equal([1L, -1L], general.Diffs.ToArray());
        Assert.Equal(202, merged.UpdateCount);
        if (!TraceLayout.Explicit)
            Assert.True(basePart.ColumnBytes < 200 * (sizeof(int) * 2 + sizeof(long) * 2), "no time or difference per update");
    }

    [Fact]
    public void SettledUpdatesMoveBackWhenRetracted()
    {
        // A settled +2 in the base part meets a -2 and a -3 at times that advance to the same time: first gone, then negative.
        var spine = new Spine<int, Unit, long, long>(Spine<int, Unit, long, long>.FuelPerUpdate, Spine<int, Unit, long, long>.MinimumFuel, TraceLayout.Keys, composite: true);
        void Insert(long time, params (int Key, long Diff)[] updates) =>
            spine.Insert(TraceModel.Seal(updates.Select(u => new ModelUpdate<Unit, long>(u.Key, default, time, u.Diff)), spine.Upper, Antichain<long>.From(time + 1), spine.Since));
        Insert(0, (1, 2), (2, 2));
        spine.AdvanceSince(Antichain<long>.From(1));
        spine.CompactFully();
        var first = Assert.Single(spine.Batches);
        Assert.Equal([1, 2], first.Base!.Keys.ToArray());
        Insert(1, (1, -2), (2, -3));
        spine.AdvanceSince(Antichain<long>.From(2));
        spine.CompactFully();
        var second = Assert.Single(spine.Batches);
        Assert.Null(second.Base);
        Assert.Equal([2], second.Keys.ToArray());
        Assert.Equal([2L], second.Times.ToArray());
        Assert.Equal([-1L], second.Diffs.ToArray());
        // Re-advanced, a base part's updates settle again at the new time, with the newly settled ones.
        Insert(2, (2, 4), (3, 1));
        spine.AdvanceSince(Antichain<long>.From(5));
        spine.CompactFully();
        var third = Assert.Single(spine.Batches);
        Assert.Equal([2, 3], third.Base!.Keys.ToArray());
        Assert.Equal([3L, 1L], third.Base.Diffs.ToArray());
        Assert.Equal(5L, third.Base.Times[0]);
        Assert.Equal(0, third.Parts[1].UpdateCount);
    }

    [Fact]
    public void NothingSettlesUnderAFrontierOfSeveralTimes()
    {
        var since = new Antichain<Product<long, int>>([new(0, 2), new(1, 0)]);
        Assert.False(SettledRoute.TrySettledTime(since, out _));
        var bottom = Antichain<Product<long, int>>.From(default);
        var batch = TraceModel.Seal([new ModelUpdate<int, Product<long, int>>(1, 0, default, 1)], bottom, new Antichain<Product<long, int>>(), bottom);
        var top = new Antichain<Product<long, int>>();
        var empty = TraceBatch<int, int, Product<long, int>, long>.Empty(new Description<Product<long, int>>(top, top, bottom));
        var merged = new CompositeMerger<int, int, Product<long, int>, long>(batch, empty, since, TraceLayout.Keys, route: true).Complete();
        Assert.Null(merged.Base);
        Assert.Equal([1L], merged.Diffs.ToArray());
    }

    [Fact]
    public void OnlyOrderedDifferencesHaveASign()
    {
        Assert.True(SettledRoute.IsPositive(3L));
        Assert.False(SettledRoute.IsPositive(-1));
        Assert.False(SettledRoute.IsPositive(0L));
        Assert.True(SettledRoute.IsPositive(2.5m));
    }

    [Fact]
    public void ACompositeBatchInOnePartHoldsItsUpdates()
    {
        var rows = Enumerable.Range(0, 100).Select(k => new ModelUpdate<int, long>(k, 0, k % 2 == 0 ? 0 : 20, 1)).ToList();
        var batch = TraceModel.Seal(rows, Min, Antichain<long>.From(21), Min);
        var empty = TraceBatch<int, int, long, long>.Empty(new Description<long>(Antichain<long>.From(21), Antichain<long>.From(21), Min));
        var merged = new CompositeMerger<int, int, long, long>(batch, empty, Antichain<long>.From(5), TraceLayout.Keys, route: true).Complete();
        Assert.NotNull(merged.Base);
        var one = merged.InOnePart();
        Assert.Null(one.Base);
        Assert.Equal(merged.Description, one.Description);
        TraceModel.AssertWellFormed(one);
        Assert.Equal(TraceModel.Flatten<int, long>([merged]), TraceModel.Flatten<int, long>([one]));
        Assert.Equal(100, one.UpdateCount);
    }
}
