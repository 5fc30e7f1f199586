using AkkaDifferential.Arrangements.Trace;
using CsCheck;

namespace AkkaDifferential.Arrangements.Tests.Trace;

public class FuelTests
{
    /// <summary>Batches of many distinct updates at consecutive times, so merges have real work pending.</summary>
    private static Spine<int, int, long, long> SpineOf(int[] sizes, int seed, bool distinct = false, bool starved = false)
    {
        var random = new Random(seed);
        // A starved spine pays no merge work on insertion, so merges pile up at several levels at once.
        var spine = starved ? new Spine<int, int, long, long>(0, 0) : new Spine<int, int, long, long>();
        var builder = new TraceBatchBuilder<int, int, long, long>();
        for (var t = 0; t < sizes.Length; t++)
        {
            for (var i = 0; i < sizes[t]; i++)
                builder.Push(distinct ? i : random.Next(1000), random.Next(4), t, 1);
            spine.Insert(builder.Seal(new Description<long>(Antichain<long>.From(t), Antichain<long>.From(t + 1), spine.Since)));
        }
        return spine;
    }

    [Fact]
    public void WorkNeverExceedsItsFuel() =>
        Gen.Select(Gen.Int[0, 3000].Array[2, 10], Gen.Int, Gen.Long[0, 700].Array[1, 40], Gen.Bool).Sample((sizes, seed, fuels, starved) =>
        {
            var spine = SpineOf(sizes, seed, starved: starved);
            var total = spine.UpdateCount;
            foreach (var fuel in fuels)
            {
                var pending = spine.HasPendingWork;
                var before = spine.WorkDone;
                var left = spine.Work(fuel);
                var done = spine.WorkDone - before;
                // Work is counted by the merges themselves (input positions), independently of the fuel arithmetic.
                Assert.Equal(fuel - left, done);
                Assert.InRange(done, 0, fuel);
                if (left > 0)
                    Assert.False(spine.HasPendingWork, "fuel is left over only when no merge is in progress");
                if (!pending)
                    Assert.Equal(0, done);
            }
            Assert.Equal(total, spine.UpdateCount);
        }, iter: 200);

    [Fact]
    public void ALargeMergeTakesManySteps()
    {
        var spine = SpineOf([20_000, 20_000], seed: 7, distinct: true);
        Assert.True(spine.HasPendingWork, "the merge of the two large batches is pending after the insertion");
        Assert.Equal(2, spine.Batches.Count);
        var before = spine.WorkDone;
        var steps = 0;
        while (spine.HasPendingWork)
        {
            var left = spine.Work(1000);
            steps++;
            if (spine.HasPendingWork)
                Assert.Equal(0, left);
            else
                Assert.InRange(left, 0, 1000);
            Assert.True(spine.WorkDone - before <= 1000L * steps);
        }
        // 40,000 input updates, read 1,000 per step (consolidation does not shorten the work).
        Assert.Equal(40, steps);
        Assert.Equal(40_000, spine.WorkDone - before);
        Assert.Single(spine.Batches);
    }

    [Fact]
    public void InsertionPaysForMergeWorkInProportionToItsSize()
    {
        var spine = SpineOf([20_000, 20_000], seed: 11, distinct: true);
        var before = spine.WorkDone;
        // A small batch pays at least the minimum to the pending merge, but not all of it.
        var builder = new TraceBatchBuilder<int, int, long, long>();
        builder.Push(1, 1, 2, 1);
        spine.Insert(builder.Seal(new Description<long>(spine.Upper, Antichain<long>.From(3), spine.Since)));
        var paid = spine.WorkDone - before;
        Assert.InRange(paid, Spine<int, int, long, long>.MinimumFuel, 2 * Spine<int, int, long, long>.MinimumFuel);
        Assert.True(spine.HasPendingWork);
    }

    [Fact]
    public void LevelsFollowTheLogarithmOfTheSize()
    {
        Assert.Equal(0, Spine<int, int, long, long>.LevelOf(0));
        Assert.Equal(0, Spine<int, int, long, long>.LevelOf(1));
        Assert.Equal(1, Spine<int, int, long, long>.LevelOf(2));
        Assert.Equal(2, Spine<int, int, long, long>.LevelOf(3));
        Assert.Equal(2, Spine<int, int, long, long>.LevelOf(4));
        Assert.Equal(3, Spine<int, int, long, long>.LevelOf(5));
        Assert.Equal(20, Spine<int, int, long, long>.LevelOf(1 << 20));
    }
}
