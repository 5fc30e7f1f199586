using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Arrangements.Trace.Hashed;
using CsCheck;

namespace AkkaDifferential.Arrangements.Tests.Trace;

public class TraceCursorTests
{
    [Fact]
    public void CursorReadsTheMergedBatches_LongTimes_IntVals() => Check(Vals.Int, TimeDomains.Long);

    [Fact]
    public void CursorReadsTheMergedBatches_ProductTimes_StringVals() => Check(Vals.String, TimeDomains.Product);

    [Fact]
    public void CursorReadsTheMergedBatches_ProductTimes_IntVals() => Check(Vals.Int, TimeDomains.Product);

    [Fact]
    public void CursorReadsTheMergedHashedBatches_ProductTimes_IntVals() => Check(Vals.Int, TimeDomains.Product, KeyLayout.Hashed);

    [Fact]
    public void CursorReadsTheMergedHashedBatches_ProductTimes_StringVals() => Check(Vals.String, TimeDomains.Product, KeyLayout.Hashed);

    [Fact]
    public void CursorRefusesBatchesOfTwoLayouts()
    {
        var min = Antichain<long>.From(0);
        var ordered = TraceModel.Seal([new ModelUpdate<int, long>(1, 1, 0, 1)], min, min, min, KeyLayout.Ordered);
        var hashed = TraceModel.Seal([new ModelUpdate<int, long>(2, 1, 0, 1)], min, min, min, KeyLayout.Hashed);
        var refused = Assert.Throws<ArgumentException>(() => new TraceCursor<int, int, long, long>([ordered, hashed]));
        Assert.Contains("Hashed", refused.Message, StringComparison.Ordinal);
        // An empty batch goes with either.
        Assert.True(new TraceCursor<int, int, long, long>([hashed, TraceBatch<int, int, long, long>.Empty(new(min, min, min))]).KeyValid);
    }

    private struct Collect(List<(long Time, long Diff)> into) : ITimeDiffVisitor<long, long>
    {
        public readonly void Visit(long time, long diff) => into.Add((time, diff));
    }

    private struct CollectAny<TTime>(List<TTime> times, List<long> diffs) : ITimeDiffVisitor<TTime, long>
    {
        public readonly void Visit(TTime time, long diff)
        {
            times.Add(time);
            diffs.Add(diff);
        }
    }

    /// <summary>
    /// Random batches (overlapping in keys, values and times: a cursor does not care about descriptions); walking the
    /// cursor gives keys in the layout's order, values in order and the model's updates; ReadKey and the seeks agree
    /// with the model.
    /// </summary>
    private static void Check<TVal, TTime>(Gen<TVal> vals, TimeDomain<TTime> domain, KeyLayout? layout = null) where TTime : notnull
    {
        var keyLayout = layout ?? KeyLayoutSetting.Default;
        var keyOrder = Comparer<int>.Create((a, b) => HashOrder<int>.Compare(keyLayout, a, b));
        var min = Antichain<TTime>.From(Timestamp.Minimum<TTime>());
        Gen.Select(TraceModel.Updates(vals, domain, 30).Array[0, 5], Gen.Int[-1, 7].Array[0, 10], Gen.Int[-1, 7].Array[0, 5], vals.Array[0, 4])
            .Sample((batchUpdates, reads, seeks, valSeeks) =>
            {
                var batches = batchUpdates.Select(u => TraceModel.Seal(u, min, min, min, keyLayout)).ToList();
                var model = TraceModel.Consolidate(batchUpdates.SelectMany(u => u));
                // What the batches hold, unconsolidated across batches: a cursor shows a (key, val) whose updates
                // cancel only across batches.
                var present = TraceModel.Flatten<TVal, TTime>(batches);

                // A full walk.
                var walked = new List<ModelUpdate<TVal, TTime>>();
                var cursor = new TraceCursor<int, TVal, TTime, long>(batches);
                int? previousKey = null;
                for (; cursor.KeyValid; cursor.StepKey())
                {
                    Assert.True(previousKey is null || keyOrder.Compare(previousKey.Value, cursor.Key) < 0, "keys strictly increase in the layout's order");
                    previousKey = cursor.Key;
                    var hasPrevious = false;
                    TVal previousVal = default!;
                    for (; cursor.ValValid; cursor.StepVal())
                    {
                        Assert.True(!hasPrevious || DataOrder<TVal>.Compare(previousVal, cursor.Val) < 0, "values strictly increase");
                        (hasPrevious, previousVal) = (true, cursor.Val);
                        var times = new List<TTime>();
                        var diffs = new List<long>();
                        var visitor = new CollectAny<TTime>(times, diffs);
                        cursor.ForEachTime(ref visitor);
                        Assert.NotEmpty(times);
                        for (var i = 0; i < times.Count; i++)
                            walked.Add(new(cursor.Key, cursor.Val, times[i], diffs[i]));
                    }
                    cursor.RewindVals();
                    Assert.True(cursor.ValValid, "rewinding returns to the first value");
                }
                Assert.False(cursor.ValValid);
                Assert.Equal(model, TraceModel.Consolidate(walked));

                // ReadKey in any order.
                var read = new List<(TVal Val, TTime Time, long Diff)>();
                foreach (var key in reads)
                {
                    read.Clear();
                    var expected = model.Where(u => u.Key == key).ToList();
                    var isPresent = present.Any(u => u.Key == key);
                    Assert.Equal(isPresent, cursor.ReadKey(key, read));
                    Assert.Equal(expected, TraceModel.Consolidate(read.Select(r => new ModelUpdate<TVal, TTime>(key, r.Val, r.Time, r.Diff))));
                    for (var i = 1; i < read.Count; i++)
                        Assert.True(DataOrder<TVal>.Compare(read[i - 1].Val, read[i].Val) <= 0, "values in order");
                    if (isPresent)
                        Assert.Equal(key, cursor.Key);
                }

                // Forward seeks to targets in the layout's order, present and absent.
                var seeker = new TraceCursor<int, TVal, TTime, long>(batches);
                var keys = present.Select(u => u.Key).Distinct().Order(keyOrder).ToList();
                foreach (var target in seeks.Order(keyOrder))
                {
                    seeker.SeekKey(target);
                    var next = keys.Where(k => keyOrder.Compare(k, target) >= 0).Cast<int?>().FirstOrDefault();
                    Assert.Equal(next is not null, seeker.KeyValid);
                    if (next is null)
                        continue;
                    Assert.Equal(next, seeker.Key);
                    var keyVals = present.Where(u => u.Key == next).Select(u => u.Val).Distinct().Order(DataOrder<TVal>.Comparer).ToList();
                    foreach (var val in valSeeks.Order(DataOrder<TVal>.Comparer))
                    {
                        seeker.SeekVal(val);
                        var nextVal = keyVals.Where(v => DataOrder<TVal>.Compare(v, val) >= 0).ToList();
                        Assert.Equal(nextVal.Count > 0, seeker.ValValid);
                        if (nextVal.Count > 0)
                            Assert.Equal(nextVal[0], seeker.Val);
                    }
                }
            }, iter: 1500);
    }

    [Fact]
    public void ForEachTimeVisitsEveryBatchHoldingTheValue()
    {
        var min = Antichain<long>.From(0);
        var first = TraceModel.Seal([new ModelUpdate<int, long>(1, 1, 0, 1), new(1, 1, 2, 1), new(2, 0, 0, 1)], min, min, min);
        var second = TraceModel.Seal([new ModelUpdate<int, long>(1, 1, 1, -1), new(1, 2, 1, 1)], min, min, min);
        var cursor = new TraceCursor<int, int, long, long>([first, TraceBatch<int, int, long, long>.Empty(new(min, min, min)), second]);
        Assert.Equal(1, cursor.Key);
        Assert.Equal(1, cursor.Val);
        var seen = new List<(long, long)>();
        var visitor = new Collect(seen);
        cursor.ForEachTime(ref visitor);
        Assert.Equal([(0L, 1L), (2L, 1L), (1L, -1L)], seen);
        cursor.StepVal();
        Assert.Equal(2, cursor.Val);
        cursor.StepVal();
        Assert.False(cursor.ValValid);
        Assert.Throws<InvalidOperationException>(() => cursor.Val);
        cursor.StepKey();
        Assert.Equal(2, cursor.Key);
        cursor.StepKey();
        Assert.False(cursor.KeyValid);
        Assert.Throws<InvalidOperationException>(() => cursor.Key);
        Assert.False(new TraceCursor<int, int, long, long>([]).KeyValid);
    }
}
