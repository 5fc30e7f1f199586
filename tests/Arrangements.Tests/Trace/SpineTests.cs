using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Arrangements.Trace.Hashed;
using CsCheck;

namespace AkkaDifferential.Arrangements.Tests.Trace;

public class SpineTests
{
    private static readonly TimeDomain<long> WideLong = new("wide long", 1, 48, (_, i) => i, h => Antichain<long>.From(h[0]));

    [Fact]
    public void BatchesHoldTheInsertedCollection_LongTimes_IntVals() =>
        Check(Vals.Int, TimeDomains.Long, maxUpdates: 80, maxBatches: 12, iter: 2000);

    [Fact]
    public void BatchesHoldTheInsertedCollection_ProductTimes_IntVals() =>
        Check(Vals.Int, TimeDomains.Product, maxUpdates: 80, maxBatches: 10, iter: 2000);

    [Fact]
    public void BatchesHoldTheInsertedCollection_ProductTimes_StringVals() =>
        Check(Vals.String, TimeDomains.Product, maxUpdates: 60, maxBatches: 8, iter: 1000);

    [Fact]
    public void BatchesHoldTheInsertedCollection_ManyBatches() =>
        Check(Vals.Int, WideLong, maxUpdates: 400, maxBatches: 40, iter: 300, checkEvery: 7);

    [Fact]
    public void HashedBatchesHoldTheInsertedCollection_ProductTimes_IntVals() =>
        Check(Vals.Int, TimeDomains.Product, maxUpdates: 80, maxBatches: 10, iter: 1500, layout: KeyLayout.Hashed);

    [Fact]
    public void HashedBatchesHoldTheInsertedCollection_ProductTimes_StringVals() =>
        Check(Vals.String, TimeDomains.Product, maxUpdates: 60, maxBatches: 8, iter: 800, layout: KeyLayout.Hashed);

    [Fact]
    public void HashedBatchesHoldTheInsertedCollection_ManyBatches() =>
        Check(Vals.Int, WideLong, maxUpdates: 400, maxBatches: 40, iter: 200, checkEvery: 7, layout: KeyLayout.Hashed);

    [Fact]
    public void CompositeBatchesHoldTheInsertedCollection_LongTimes_IntVals() =>
        Check(Vals.Int, TimeDomains.Long, maxUpdates: 80, maxBatches: 12, iter: 1000, composite: true);

    [Fact]
    public void CompositeBatchesHoldTheInsertedCollection_ProductTimes_StringVals() =>
        Check(Vals.String, TimeDomains.Product, maxUpdates: 60, maxBatches: 8, iter: 600, composite: true);

    [Fact]
    public void CompositeHashedBatchesHoldTheInsertedCollection_ManyBatches() =>
        Check(Vals.Int, WideLong, maxUpdates: 400, maxBatches: 40, iter: 150, checkEvery: 7, layout: KeyLayout.Hashed, composite: true);

    private static void Check<TVal, TTime>(Gen<TVal> vals, TimeDomain<TTime> domain, int maxUpdates, int maxBatches, int iter, int checkEvery = 1, KeyLayout? layout = null, bool composite = false)
        where TTime : notnull
    {
        var keyLayout = layout ?? KeyLayoutSetting.Default;
        SpineScenario<TVal, TTime>.Gen(vals, domain, maxUpdates, maxBatches).Sample(scenario =>
        {
            var spine = scenario.NewSpine(composite);
            var inserted = new List<ModelUpdate<TVal, TTime>>();
            for (var j = 0; j < scenario.BatchCount; j++)
            {
                var updates = scenario.UpdatesOf(domain, j);
                spine.Insert(TraceModel.Seal(updates, spine.Upper, scenario.Upper(domain, j), spine.Since, keyLayout));
                inserted.AddRange(updates);
                Assert.Equal(scenario.Upper(domain, j), spine.Upper);
                foreach (var fuel in scenario.Fuel[j % scenario.Fuel.Length])
                    spine.Work(fuel);
                if (j % checkEvery == 0 || j == scenario.BatchCount - 1)
                    AssertHolds(domain, spine, inserted, layout: keyLayout);
            }
            spine.CompactFully();
            Assert.False(spine.HasPendingWork);
            Assert.Single(spine.Batches);
            AssertHolds(domain, spine, inserted, layout: keyLayout);
            // Nothing was compacted logically, so the one batch is exactly the consolidated input.
            Assert.Equal(TraceModel.Consolidate(inserted), TraceModel.Flatten<TVal, TTime>(spine.Batches));
        }, iter: iter);
    }

    /// <summary>The snapshot is well formed, chains its descriptions from the minimum to the upper, and holds the inserted collection.</summary>
    internal static void AssertHolds<TVal, TTime>(TimeDomain<TTime> domain, Spine<int, TVal, TTime, long> spine, List<ModelUpdate<TVal, TTime>> inserted, Func<TTime, bool>? where = null, KeyLayout? layout = null)
        where TTime : notnull
    {
        var batches = spine.Batches;
        var lower = Antichain<TTime>.From(Timestamp.Minimum<TTime>());
        long count = 0, keys = 0;
        foreach (var batch in batches)
        {
            TraceModel.AssertWellFormed(batch, layout);
            Assert.Equal(lower, batch.Description.Lower);
            lower = batch.Description.Upper;
            count += batch.UpdateCount;
            keys += batch.Parts.Sum(p => (long)p.KeyCount);
        }
        if (batches.Count > 0)
            Assert.Equal(spine.Upper, lower);
        Assert.Equal(count, spine.UpdateCount);
        Assert.Equal(keys, spine.KeyCount);
        Assert.Equal(batches.Count, spine.BatchCount);
        var flattened = TraceModel.Flatten<TVal, TTime>(batches);
        TraceModel.AssertSameAccumulations(domain, inserted, flattened, where);
        Assert.Equal(flattened, Walk(new TraceCursor<int, TVal, TTime, long>(batches)));
    }

    /// <summary>Every update a full walk of <paramref name="cursor"/> visits, in the model's order.</summary>
    private static List<ModelUpdate<TVal, TTime>> Walk<TVal, TTime>(TraceCursor<int, TVal, TTime, long> cursor) where TTime : notnull
    {
        var walked = new List<ModelUpdate<TVal, TTime>>();
        for (; cursor.KeyValid; cursor.StepKey())
            for (; cursor.ValValid; cursor.StepVal())
            {
                var visitor = new Collect<TVal, TTime>(walked, cursor.Key, cursor.Val);
                cursor.ForEachTime(ref visitor);
            }
        return walked.OrderBy(u => u.Key).ThenBy(u => u.Val, DataOrder<TVal>.Comparer).ThenBy(u => u.Time, Comparer<TTime>.Create(Timestamp.Compare)).ToList();
    }

    private readonly struct Collect<TVal, TTime>(List<ModelUpdate<TVal, TTime>> into, int key, TVal val) : ITimeDiffVisitor<TTime, long>
    {
        public void Visit(TTime time, long diff) => into.Add(new(key, val, time, diff));
    }

    [Fact]
    public void InsertRejectsABatchThatDoesNotStartAtTheUpper()
    {
        var spine = new Spine<int, int, long, long>();
        var gap = TraceBatch<int, int, long, long>.Empty(new Description<long>(Antichain<long>.From(1), Antichain<long>.From(2), Antichain<long>.From(0)));
        Assert.Throws<ArgumentException>(() => spine.Insert(gap));
        spine.Insert(TraceBatch<int, int, long, long>.Empty(new Description<long>(Antichain<long>.From(0), Antichain<long>.From(1), Antichain<long>.From(0))));
        Assert.Equal(Antichain<long>.From(1), spine.Upper);
        spine.Insert(gap);
        Assert.Equal(Antichain<long>.From(2), spine.Upper);
    }

    [Fact]
    public void BatchesSnapshotDoesNotChangeLater()
    {
        var spine = new Spine<int, int, long, long>();
        for (var t = 0; t < 5; t++)
            spine.Insert(TraceModel.Seal([new ModelUpdate<int, long>(t, t, t, 1)], Antichain<long>.From(t), Antichain<long>.From(t + 1), spine.Since));
        var snapshot = spine.Batches;
        var copy = snapshot.ToArray();
        spine.CompactFully();
        Assert.Equal(copy, snapshot);
        Assert.Single(spine.Batches);
        Assert.Equal(5, spine.UpdateCount);
    }

    [Fact]
    public void EmptySpineCompactsToNothing()
    {
        var spine = new Spine<int, int, Product<long, int>, long>();
        spine.CompactFully();
        Assert.Empty(spine.Batches);
        Assert.Equal(0, spine.UpdateCount);
        Assert.Equal(Antichain<Product<long, int>>.From(default), spine.Upper);
    }

    [Fact]
    public void ManyInsertionsKeepFewBatches()
    {
        // Geometric levels: a thousand single-update batches leave O(log n) batches, not a thousand.
        var spine = new Spine<int, int, long, long>();
        for (var t = 0; t < 1000; t++)
            spine.Insert(TraceModel.Seal([new ModelUpdate<int, long>(t % 37, 0, t, 1)], Antichain<long>.From(t), Antichain<long>.From(t + 1), spine.Since));
        Assert.Equal(1000, spine.UpdateCount);
        Assert.InRange(spine.Batches.Count, 1, 2 * 11);
    }
}
