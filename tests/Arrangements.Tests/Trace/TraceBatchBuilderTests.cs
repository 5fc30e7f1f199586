using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Progress.Frontiers;
using CsCheck;

namespace AkkaDifferential.Arrangements.Tests.Trace;

public class TraceBatchBuilderTests
{
    [Fact]
    public void SealedBatchIsTheConsolidatedModel_LongTimes_IntVals() => SealMatchesModel(Vals.Int, TimeDomains.Long);

    [Fact]
    public void SealedBatchIsTheConsolidatedModel_ProductTimes_StringVals() => SealMatchesModel(Vals.String, TimeDomains.Product);

    [Fact]
    public void SealedBatchIsTheConsolidatedModel_ProductTimes_IntVals() => SealMatchesModel(Vals.Int, TimeDomains.Product);

    private static void SealMatchesModel<TVal, TTime>(Gen<TVal> vals, TimeDomain<TTime> domain) where TTime : notnull
    {
        var builder = new TraceBatchBuilder<int, TVal, TTime, long>(1);
        var description = new Description<TTime>(
            Antichain<TTime>.From(Timestamp.Minimum<TTime>()), new Antichain<TTime>(), Antichain<TTime>.From(Timestamp.Minimum<TTime>()));
        // One builder for all cases: sealing must leave it empty and reusable.
        Gen.Select(TraceModel.Updates(vals, domain, 60), Gen.Int[-1, 7]).Sample((updates, probe) =>
        {
            foreach (var u in updates)
                builder.Push(u.Key, u.Val, u.Time, u.Diff);
            Assert.Equal(updates.Length, builder.Count);
            var batch = builder.Seal(description);
            Assert.Equal(0, builder.Count);
            Assert.Same(description, batch.Description);
            TraceModel.AssertWellFormed(batch);

            var expected = TraceModel.Consolidate(updates);
            Assert.Equal(expected, TraceModel.Flatten<TVal, TTime>([batch]));
            Assert.Equal(expected.Count, batch.UpdateCount);

            var present = expected.Any(u => u.Key == probe);
            var index = batch.FindKey(probe);
            Assert.Equal(present, index >= 0);
            if (present)
                Assert.Equal(probe, batch.Keys[index]);

            Assert.Equal(new Antichain<TTime>(expected.Select(u => u.Time)), batch.MinimalTimes());
        }, iter: 1000, threads: 1);
    }

    [Fact]
    public void EmptyBatchHasOffsetsAndNoMinimalTimes()
    {
        var description = new Description<long>(Antichain<long>.From(0), Antichain<long>.From(3), Antichain<long>.From(0));
        var builder = new TraceBatchBuilder<int, Unit, long, long>();
        builder.Push(1, Unit.Value, 2, 1);
        builder.Push(1, default, 2, -1);
        var batch = builder.Seal(description);
        Assert.True(batch.IsEmpty);
        Assert.Equal(0, batch.KeyCount);
        Assert.Equal([0], batch.KeyOffsets.ToArray());
        Assert.Equal([0], batch.ValOffsets.ToArray());
        Assert.True(batch.MinimalTimes().IsEmpty);
        Assert.Equal(-1, batch.FindKey(1));
        var empty = TraceBatch<int, Unit, long, long>.Empty(description);
        Assert.Equal(0, empty.UpdateCount);
        Assert.Equal([0], empty.KeyOffsets.ToArray());
    }

    [Fact]
    public void UnitValuesAreAllEqual()
    {
        var builder = new TraceBatchBuilder<int, Unit, long, long>();
        builder.Push(5, Unit.Value, 1, 1);
        builder.Push(5, new Unit(), 1, 2);
        builder.Push(4, default, 0, 1);
        var batch = builder.Seal(new Description<long>(Antichain<long>.From(0), Antichain<long>.From(2), Antichain<long>.From(0)));
        Assert.Equal([4, 5], batch.Keys.ToArray());
        Assert.Equal(2, batch.ValCount);
        Assert.Equal([1L, 3L], batch.Diffs.ToArray());
        Assert.Equal(0, Unit.Value.CompareTo(default));
    }

    [Fact]
    public void FindValLocatesValuesWithinAKey()
    {
        var builder = new TraceBatchBuilder<int, string, long, long>();
        builder.Push(1, "b", 0, 1);
        builder.Push(2, "a", 0, 1);
        builder.Push(2, "c", 0, 1);
        var batch = builder.Seal(new Description<long>(Antichain<long>.From(0), Antichain<long>.From(1), Antichain<long>.From(0)));
        var key = batch.FindKey(2);
        Assert.Equal("c", batch.Vals[batch.FindVal(key, "c")]);
        Assert.Equal(-1, batch.FindVal(key, "b"));
        Assert.Equal(-1, batch.FindVal(batch.FindKey(1), "a"));
    }
}
