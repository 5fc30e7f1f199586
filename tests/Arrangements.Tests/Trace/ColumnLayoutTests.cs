using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Arrangements.Trace.Columns;

namespace AkkaDifferential.Arrangements.Tests.Trace;

public class ColumnLayoutTests
{
    [Fact]
    public void TheLayoutSettingAcceptsLeanAndExplicitAndNamesItselfWhenWrong()
    {
        Assert.False(TraceLayout.Parse(null));
        Assert.False(TraceLayout.Parse(""));
        Assert.False(TraceLayout.Parse("Lean"));
        Assert.True(TraceLayout.Parse(" explicit "));
        var error = Assert.Throws<InvalidOperationException>(() => TraceLayout.Parse("compact"));
        Assert.Contains(TraceLayout.Variable, error.Message);
        Assert.Contains("'compact'", error.Message);
    }

    [Fact]
    public void AKeyOnlyBatchOfInsertionsAtOneTimeKeepsOnlyItsKeys()
    {
        var min = Antichain<long>.From(0);
        var builder = new TraceBatchBuilder<int, Unit, long, long>();
        for (var key = 0; key < 1000; key++)
            builder.Push(key, Unit.Value, 3, 1);
        var batch = builder.Seal(new Description<long>(min, Antichain<long>.From(4), min));
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
        var older = TraceModel.Seal<int, long>([new(0, 0, 1, 1), new(1, 0, 1, 1)], min, Antichain<long>.From(2), min);
        var newer = TraceModel.Seal<int, long>([new(1, 0, 2, -1), new(2, 0, 3, 1)], Antichain<long>.From(2), Antichain<long>.From(4), min);
        var merged = new BatchMerger<int, int, long, long>(older, newer, Antichain<long>.From(3)).Complete();
        Assert.Equal([0, 2], merged.Keys.ToArray());
        Assert.Equal([1L, 1L], merged.Diffs.ToArray());
        Assert.Equal(!TraceLayout.Explicit, merged.Diffs.IsUniform);
        Assert.Equal(!TraceLayout.Explicit, merged.Times.IsUniform);
        TraceModel.AssertWellFormed(merged);
    }
}
