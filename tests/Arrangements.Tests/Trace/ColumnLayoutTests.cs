using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Arrangements.Trace.Columns;
using CsCheck;

namespace AkkaDifferential.Arrangements.Tests.Trace;

public class ColumnLayoutTests
{
    [Fact]
    public void TheLayoutSettingAcceptsLeanExplicitHuffmanAndCompositeAndNamesItselfWhenWrong()
    {
        Assert.Equal(TraceLayout.Kind.Lean, TraceLayout.Parse(null));
        Assert.Equal(TraceLayout.Kind.Lean, TraceLayout.Parse(""));
        Assert.Equal(TraceLayout.Kind.Lean, TraceLayout.Parse("Lean"));
        Assert.Equal(TraceLayout.Kind.Explicit, TraceLayout.Parse(" explicit "));
        Assert.Equal(TraceLayout.Kind.Huffman, TraceLayout.Parse("Huffman"));
        Assert.Equal(TraceLayout.Kind.Composite, TraceLayout.Parse(" composite"));
        Assert.Equal(TraceLayout.Kind.Coded, TraceLayout.Parse("CODED"));
        var error = Assert.Throws<InvalidOperationException>(() => TraceLayout.Parse("compact"));
        Assert.Contains(TraceLayout.Variable, error.Message);
        Assert.Contains("'compact'", error.Message);
    }

    [Fact]
    public void AKeyOnlyBatchOfInsertionsAtOneTimeKeepsOnlyItsKeys()
    {
        var min = Antichain<long>.From(0);
        var builder = new TraceBatchBuilder<int, Unit, long, long>(KeyLayout.Ordered);
        for (var key = 0; key < 1000; key++)
            builder.Push(key, Unit.Value, 3, 1);
        var batch = builder.Seal(new Description<long>(min, Antichain<long>.From(4), min));
        // The hashed layout adds its slots, an int per two keys at most (512 slots for 1,000 keys, and an end).
        var hashedBuilder = new TraceBatchBuilder<int, Unit, long, long>(KeyLayout.Hashed);
        for (var key = 0; key < 1000; key++)
            hashedBuilder.Push(key, Unit.Value, 3, 1);
        Assert.Equal(batch.ColumnBytes + 513 * sizeof(int), hashedBuilder.Seal(new Description<long>(min, Antichain<long>.From(4), min)).ColumnBytes);
        if (TraceLayout.Explicit)
        {
            Assert.False(batch.KeyOffsets.IsImplicit || batch.ValOffsets.IsImplicit || batch.Vals.IsUniform || batch.Times.IsUniform || batch.Diffs.IsUniform);
            Assert.True(batch.ColumnBytes >= 1000 * (4 + 4 + 4 + 8 + 8), "every column stored");
        }
        else
        {
            // The keys' array; the value, the time and the difference once each; no offsets.
            Assert.Equal(1000 * sizeof(int) + 1 + sizeof(long) + sizeof(long), batch.ColumnBytes);
        }
        Assert.Equal(3L, batch.Times[999]);
        Assert.Equal(1L, batch.Diffs[500]);
        Assert.Equal(500, batch.KeyOffsets[500]);
        Assert.Equal(1000, batch.ValOffsets[1000]);
    }

    [Fact]
    public void AColumnStoredForADifferentItemBecomesUniformWhenConsolidationRemovesIt()
    {
        // (1, t1, +1) and (1, t2, -1) advanced to one time cancel; what is left is all +1 again.
        var min = Antichain<long>.From(0);
        var older = TraceModel.Seal<int, long>([new(0, 0, 1, 1), new(1, 0, 1, 1)], min, Antichain<long>.From(2), min, KeyLayout.Ordered);
        var newer = TraceModel.Seal<int, long>([new(1, 0, 2, -1), new(2, 0, 3, 1)], Antichain<long>.From(2), Antichain<long>.From(4), min, KeyLayout.Ordered);
        var merged = new BatchMerger<int, int, long, long>(older, newer, Antichain<long>.From(3)).Complete();
        Assert.Equal([0, 2], merged.Keys.ToArray());
        Assert.Equal([1L, 1L], merged.Diffs.ToArray());
        Assert.Equal(!TraceLayout.Explicit, merged.Diffs.IsUniform);
        Assert.Equal(!TraceLayout.Explicit, merged.Times.IsUniform);
        TraceModel.AssertWellFormed(merged);
    }

    [Fact]
    public void ABaseAndExceptionsColumnReadsAsItsItems()
    {
        // Mostly one value among 64 to 700 items: every index, copy and sorted search reads as the array does.
        Gen.Select(Gen.Int[64, 700], Gen.Int[0, 40], Gen.Int[0, 3]).SelectMany((n, percent, seed) =>
            Gen.Int[0, 99].Array[n].Select(draws => draws.Select(d => d < percent ? d % 5 + seed : 7).ToArray())).Sample(items =>
        {
            var encoded = BaseAndExceptions<int>.TryEncode<DiffEquality<int>>(items);
            var exceptions = items.Count(i => i != 7);
            Assert.Equal(exceptions <= items.Length / 4, encoded is not null);
            if (encoded is null)
                return;
            Assert.Equal(7, encoded.Base);
            Assert.Equal(items.Where(i => i != 7).ToArray(), encoded.Exceptions.ToArray());
            var column = Column<int>.Encoded(encoded, items.Length);
            Assert.Equal(items, column.ToArray());
            for (var i = 0; i < items.Length; i += 7)
                Assert.Equal(items[i], column[i]);
            var sorted = items.Order().ToArray();
            var sortedColumn = Column<int>.Encoded(BaseAndExceptions<int>.TryEncode<DiffEquality<int>>(sorted)!, sorted.Length);
            for (var target = -1; target <= 9; target++)
                Assert.Equal(Array.FindIndex(sorted, x => x >= target) is var at && at >= 0 ? at : sorted.Length, sortedColumn.LowerBound(0, sorted.Length, target));
            Assert.Equal(items.Select(i => (long)i * 2), column.Select(i => (long)i * 2).ToArray());
        }, iter: 300);
    }

    [Fact]
    public void MergesOfMostlySettledBatchesEqualTheModel()
    {
        // Large batches of mostly +1 at one time, with some other times and multiplicities: merged with a random
        // compaction frontier, the result holds the consolidated, advanced union, in its leanest columns.
        var domain = TimeDomains.Product;
        var update = Gen.Select(Gen.Int[0, 300], Gen.Int[0, 3], Gen.Int[0, 9], domain.Time, Gen.Long[-2, 2],
            (k, v, settled, t, d) => settled < 8 ? new ModelUpdate<int, Product<long, int>>(k, v, domain.Make(0, 0), 1) : new(k, v, t, d));
        var since = Gen.Frequency((2, domain.Antichain), (1, Gen.Const(Antichain<Product<long, int>>.From(domain.Make(0, 0)))));
        Gen.Select(update.Array[60, 400], update.Array[0, 400], since).Sample((olderUpdates, newerUpdates, frontier) =>
        {
            var min = Antichain<Product<long, int>>.From(Timestamp.Minimum<Product<long, int>>());
            var older = TraceModel.Seal(olderUpdates, min, new Antichain<Product<long, int>>(), min);
            var newer = TraceModel.Seal(newerUpdates, new Antichain<Product<long, int>>(), new Antichain<Product<long, int>>(), min);
            TraceModel.AssertWellFormed(older);
            var merged = new BatchMerger<int, int, Product<long, int>, long>(older, newer, frontier).Complete();
            TraceModel.AssertWellFormed(merged);
            var expected = TraceModel.Consolidate(olderUpdates.Concat(newerUpdates).Select(u => u with { Time = TimeCompaction.Advance(u.Time, frontier) }));
            Assert.Equal(expected, TraceModel.Flatten<int, Product<long, int>>([merged]));
            Assert.Equal(new Antichain<Product<long, int>>(expected.Select(u => u.Time)), merged.MinimalTimes());
        }, iter: 200);
    }
}
