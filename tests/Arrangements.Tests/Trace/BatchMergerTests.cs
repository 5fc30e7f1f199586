using AkkaDifferential.Arrangements.Trace;
using CsCheck;

namespace AkkaDifferential.Arrangements.Tests.Trace;

public class BatchMergerTests
{
    [Fact]
    public void MergeIsTheAdvancedConsolidatedUnion_LongTimes() => Check(Vals.Int, TimeDomains.Long);

    [Fact]
    public void MergeIsTheAdvancedConsolidatedUnion_ProductTimes() => Check(Vals.Int, TimeDomains.Product);

    [Fact]
    public void MergeIsTheAdvancedConsolidatedUnion_ProductTimes_StringVals() => Check(Vals.String, TimeDomains.Product);

    /// <summary>
    /// Two batches merged in random fuel steps, with a random compaction frontier (possibly the minimum, possibly
    /// empty): every step reads no more updates than its fuel and returns exactly the rest, and the result is the
    /// union with times advanced, consolidated.
    /// </summary>
    private static void Check<TVal, TTime>(Gen<TVal> vals, TimeDomain<TTime> domain) where TTime : notnull
    {
        var since = Gen.Frequency((2, domain.Antichain), (1, Gen.Const(Antichain<TTime>.From(Timestamp.Minimum<TTime>()))));
        Gen.Select(TraceModel.Updates(vals, domain, 60), TraceModel.Updates(vals, domain, 60), since, Gen.Int[0, 12].Array[1, 6])
            .Sample((olderUpdates, newerUpdates, frontier, fuels) =>
            {
                var min = Antichain<TTime>.From(Timestamp.Minimum<TTime>());
                var middle = new Antichain<TTime>();
                var top = new Antichain<TTime>();
                var older = TraceModel.Seal(olderUpdates, min, middle, min);
                var newer = TraceModel.Seal(newerUpdates, middle, top, min);
                var merger = new BatchMerger<int, TVal, TTime, long>(older, newer, frontier);
                // Only a merge with an empty side whose times need no advancing finishes at once, sharing columns.
                var immediate = merger.IsComplete;
                Assert.Equal(immediate, (older.IsEmpty || newer.IsEmpty) && (TimeCompaction.IsIdentity(frontier) || (older.IsEmpty && newer.IsEmpty)));
                for (var step = 0; !merger.IsComplete; step++)
                {
                    Assert.True(step < 10_000, "the merge finishes");
                    // Zero fuel does nothing; from time to time give one unit so that the merge finishes.
                    long fuel = step % (fuels.Length + 1) == fuels.Length ? 1 : fuels[step % (fuels.Length + 1)];
                    var before = merger.Processed;
                    var left = merger.Work(fuel);
                    Assert.InRange(left, 0, fuel);
                    Assert.Equal(fuel - left, merger.Processed - before);
                    if (left > 0)
                        Assert.True(merger.IsComplete, "fuel is left over only when the merge is done");
                }
                Assert.Equal(immediate ? 0 : (long)older.UpdateCount + newer.UpdateCount, merger.Processed);
                var result = merger.Result;
                TraceModel.AssertWellFormed(result);
                Assert.Equal(new Description<TTime>(min, top, frontier), result.Description);
                var expected = TraceModel.Consolidate(olderUpdates.Concat(newerUpdates).Select(u => u with { Time = TimeCompaction.Advance(u.Time, frontier) }));
                Assert.Equal(expected, TraceModel.Flatten<TVal, TTime>([result]));
            }, iter: 1500);
    }

    [Fact]
    public void MergingWithAnEmptyBatchSharesTheColumnsWhenNothingAdvances()
    {
        var min = Antichain<long>.From(0);
        var batch = TraceModel.Seal([new ModelUpdate<int, long>(1, 2, 0, 1)], min, Antichain<long>.From(1), min);
        var empty = TraceBatch<int, int, long, long>.Empty(new Description<long>(Antichain<long>.From(1), Antichain<long>.From(2), min));
        var merger = new BatchMerger<int, int, long, long>(batch, empty, min);
        Assert.True(merger.IsComplete);
        Assert.Equal(0, merger.Processed);
        Assert.Equal(Antichain<long>.From(2), merger.Result.Description.Upper);
        Assert.True(batch.Keys.Shares(merger.Result.Keys), "the same memory");

        var advancing = new BatchMerger<int, int, long, long>(batch, empty, Antichain<long>.From(5));
        Assert.False(advancing.IsComplete);
        Assert.Equal([5L], advancing.Complete().Times.ToArray());
    }
}
