using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Arrangements.Trace.Hashed;
using CsCheck;

namespace AkkaDifferential.Arrangements.Tests.Trace;

public class CompactionTests
{
    [Fact]
    public void AdvanceIsIndistinguishableInAdvanceOfTheFrontier_Product() => AdvanceLaw(TimeDomains.Product);

    [Fact]
    public void AdvanceIsIndistinguishableInAdvanceOfTheFrontier_Long() => AdvanceLaw(TimeDomains.Long);

    private static void AdvanceLaw<TTime>(TimeDomain<TTime> domain) where TTime : notnull =>
        Gen.Select(domain.Time, domain.Antichain).Sample((x, since) =>
        {
            var advanced = TimeCompaction.Advance(x, since);
            if (since.IsEmpty)
                Assert.Equal(x, advanced);
            Assert.True(Lattice.LessEqual(x, advanced), "advancing never goes back");
            foreach (var t in domain.Probes())
                if (since.LessEqual(t))
                    Assert.Equal(Lattice.LessEqual(x, t), Lattice.LessEqual(advanced, t));
        }, iter: 3000);

    [Fact]
    public void AdvanceExamples()
    {
        Assert.Equal(7L, TimeCompaction.Advance(3L, Antichain<long>.From(7)));
        Assert.Equal(9L, TimeCompaction.Advance(9L, Antichain<long>.From(7)));
        var since = new Antichain<Product<long, int>>([new(2, 1), new(1, 2)]);
        // (0,0) joins to (2,1) and (1,2), whose meet is (1,1): the least time that is ≤ every time ≥ the frontier
        // that (0,0) is ≤ of.
        Assert.Equal(new Product<long, int>(1, 1), TimeCompaction.Advance(new Product<long, int>(0, 0), since));
        Assert.Equal(new Product<long, int>(3, 1), TimeCompaction.Advance(new Product<long, int>(3, 0), since));
        Assert.Equal(new Product<long, int>(1, 1), TimeCompaction.Advance(new Product<long, int>(1, 1), since));
        Assert.Equal(new Product<long, int>(0, 4), TimeCompaction.Advance(new Product<long, int>(0, 4), new Antichain<Product<long, int>>()));
    }

    [Fact]
    public void CompactedSpineKeepsTheCollectionInAdvanceOfSince_LongTimes() =>
        Check(Vals.Int, TimeDomains.Long, iter: 1500);

    [Fact]
    public void CompactedSpineKeepsTheCollectionInAdvanceOfSince_ProductTimes() =>
        Check(Vals.Int, TimeDomains.Product, iter: 1500);

    [Fact]
    public void CompactedSpineKeepsTheCollectionInAdvanceOfSince_ProductTimes_StringVals() =>
        Check(Vals.String, TimeDomains.Product, iter: 600);

    /// <summary>
    /// Inserts a random history while advancing the compaction frontier along a random monotone chain (not bounded
    /// by the upper) and working merges; the collection at every time in advance of the frontier never changes, and
    /// after <see cref="Spine{TKey, TVal, TTime, TDiff}.CompactFully"/> the one batch is exactly the input with times
    /// advanced by the frontier, consolidated.
    /// </summary>
    [Fact]
    public void CompactedHashedSpineKeepsTheCollectionInAdvanceOfSince_ProductTimes() =>
        Check(Vals.Int, TimeDomains.Product, iter: 1200, KeyLayout.Hashed);

    [Fact]
    public void CompactedHashedSpineKeepsTheCollectionInAdvanceOfSince_ProductTimes_StringVals() =>
        Check(Vals.String, TimeDomains.Product, iter: 500, KeyLayout.Hashed);

    [Fact]
    public void CompactedCompositeSpineKeepsTheCollectionInAdvanceOfSince_LongTimes() =>
        Check(Vals.Int, TimeDomains.Long, iter: 1000, composite: true);

    [Fact]
    public void CompactedCompositeSpineKeepsTheCollectionInAdvanceOfSince_ProductTimes() =>
        Check(Vals.Int, TimeDomains.Product, iter: 1000, composite: true);

    [Fact]
    public void CompactedCompositeHashedSpineKeepsTheCollectionInAdvanceOfSince_ProductTimes_StringVals() =>
        Check(Vals.String, TimeDomains.Product, iter: 400, KeyLayout.Hashed, composite: true);

    private static void Check<TVal, TTime>(Gen<TVal> vals, TimeDomain<TTime> domain, int iter, KeyLayout? layout = null, bool composite = false) where TTime : notnull
    {
        var keyLayout = layout ?? KeyLayoutSetting.Default;
        var sinces = domain.Staircase.Array[1, 10];
        Gen.Select(SpineScenario<TVal, TTime>.Gen(vals, domain, 80, 10), sinces).Sample((scenario, steps) =>
        {
            var spine = scenario.NewSpine(composite);
            var inserted = new List<ModelUpdate<TVal, TTime>>();
            var since = domain.Bottom;
            for (var j = 0; j < scenario.BatchCount; j++)
            {
                var updates = scenario.UpdatesOf(domain, j);
                spine.Insert(TraceModel.Seal(updates, spine.Upper, scenario.Upper(domain, j), spine.Since, keyLayout));
                inserted.AddRange(updates);
                since = since.Select((h, o) => Math.Max(h, steps[j % steps.Length][o])).ToArray();
                spine.AdvanceSince(domain.Frontier(since));
                Assert.Equal(domain.Frontier(since), spine.Since);
                foreach (var fuel in scenario.Fuel[j % scenario.Fuel.Length])
                    spine.Work(fuel);
                var frontier = spine.Since;
                SpineTests.AssertHolds(domain, spine, inserted, frontier.LessEqual, keyLayout);
            }
            spine.CompactFully();
            var final = spine.Since;
            Assert.Single(spine.Batches);
            SpineTests.AssertHolds(domain, spine, inserted, final.LessEqual, keyLayout);
            var expected = TraceModel.Consolidate(inserted.Select(u => u with { Time = TimeCompaction.Advance(u.Time, final) }));
            Assert.Equal(expected, TraceModel.Flatten<TVal, TTime>(spine.Batches));
            Assert.Equal(final, spine.Batches[0].Description.Since);
        }, iter: iter);
    }

    [Fact]
    public void AdvancingABatchKeepsItsCollectionInAdvanceOfSince_Product() => AdvanceBatchLaw(TimeDomains.Product);

    [Fact]
    public void AdvancingABatchKeepsItsCollectionInAdvanceOfSince_Long() => AdvanceBatchLaw(TimeDomains.Long);

    /// <summary>
    /// A batch advanced by a frontier (as an import presents a trace from its reader's since) holds exactly the batch's
    /// updates with times advanced, consolidated; it is the batch itself when no time moves, and well formed.
    /// </summary>
    private static void AdvanceBatchLaw<TTime>(TimeDomain<TTime> domain) where TTime : notnull =>
        Gen.Select(TraceModel.Updates(Vals.Int, domain, 30), domain.Antichain).Sample((updates, since) =>
        {
            var bottom = domain.Frontier(domain.Bottom);
            var top = new Antichain<TTime>();
            var batch = TraceModel.Seal(updates, bottom, top, bottom);
            var advanced = TimeCompaction.Advance(batch, since);
            TraceModel.AssertWellFormed(advanced);
            var expected = TraceModel.Consolidate(TraceModel.Flatten<int, TTime>([batch]).Select(u => u with { Time = TimeCompaction.Advance(u.Time, since) }));
            Assert.Equal(expected, TraceModel.Flatten<int, TTime>([advanced]));
            var moved = TraceModel.Flatten<int, TTime>([batch]).Any(u => !EqualityComparer<TTime>.Default.Equals(TimeCompaction.Advance(u.Time, since), u.Time));
            Assert.Equal(!moved, ReferenceEquals(batch, advanced));
        }, iter: 2000);

    [Fact]
    public void AdvancingAFrontierAdvancesEachElement()
    {
        var since = new Antichain<Product<long, int>>([new(2, 1), new(1, 2)]);
        Assert.Equal(Antichain<Product<long, int>>.From(new(1, 1)), TimeCompaction.Advance(Antichain<Product<long, int>>.From(new(0, 0)), since));
        Assert.Equal(new Antichain<Product<long, int>>([new(3, 1), new(1, 4)]),
            TimeCompaction.Advance(new Antichain<Product<long, int>>([new(3, 0), new(0, 4)]), since));
        Assert.Equal(Antichain<long>.From(7), TimeCompaction.Advance(Antichain<long>.From(3), Antichain<long>.From(7)));
        Assert.True(TimeCompaction.Advance(new Antichain<long>(), Antichain<long>.From(7)).IsEmpty);
    }

    [Fact]
    public void CompactionMergesHistoryIntoTheFrontier()
    {
        // A key inserted and removed over many times leaves nothing once the frontier passes them all.
        var spine = new Spine<int, Unit, long, long>();
        for (var t = 0; t < 100; t++)
            spine.Insert(TraceModel.Seal([new ModelUpdate<Unit, long>(1, default, t, t % 2 == 0 ? 1 : -1), new(2, default, t, 1)],
                Antichain<long>.From(t), Antichain<long>.From(t + 1), spine.Since));
        spine.AdvanceSince(Antichain<long>.From(100));
        spine.CompactFully();
        // In one part whatever the layout: a composite trace keeps the settled key in its base part.
        var batch = Assert.Single(spine.Batches).InOnePart();
        Assert.Equal([2], batch.Keys.ToArray());
        Assert.Equal([100L], batch.Times.ToArray());
        Assert.Equal([100L], batch.Diffs.ToArray());
    }

    [Fact]
    public void SinceCannotGoBack()
    {
        var spine = new Spine<int, int, Product<long, int>, long>();
        spine.AdvanceSince(Antichain<Product<long, int>>.From(new(2, 2)));
        Assert.Throws<ArgumentException>(() => spine.AdvanceSince(Antichain<Product<long, int>>.From(new(3, 1))));
        Assert.Throws<ArgumentException>(() => spine.AdvanceSince(new Antichain<Product<long, int>>([new(3, 3), new(1, 5)])));
        spine.AdvanceSince(new Antichain<Product<long, int>>([new(2, 4), new(5, 2)]));
        spine.AdvanceSince(new Antichain<Product<long, int>>());
        Assert.Throws<ArgumentException>(() => spine.AdvanceSince(Antichain<Product<long, int>>.From(new(9, 9))));
    }
}
