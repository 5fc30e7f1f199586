using AkkaDifferential.Arrangements.Trace;
using CsCheck;

namespace AkkaDifferential.Arrangements.Tests.Trace;

/// <summary>
/// <see cref="MergeBatcher{TKey, TVal, TTime, TDiff}"/> against a list model: batches pushed in any sizes, sealed at
/// a rising chain of frontiers; each seal must return exactly the consolidated updates whose times the frontier has
/// passed and that no earlier seal returned; the batcher's frontier must bound what it holds, and after a seal be
/// exactly the minimal times of the model's remainder.
/// </summary>
public sealed class MergeBatcherTests
{
    // Staging sizes: a run per update, runs of a few pushes, and the default (everything staged until a seal).
    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(MergeBatcher<int, int, long, long>.StagedUpdates)]
    public void Seals_return_the_consolidated_passed_updates_long_times(int staged) => SealsMatchModel(TimeDomains.Long, staged);

    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(MergeBatcher<int, int, long, long>.StagedUpdates)]
    public void Seals_return_the_consolidated_passed_updates_product_times(int staged) => SealsMatchModel(TimeDomains.Product, staged);

    private static void SealsMatchModel<TTime>(TimeDomain<TTime> domain, int staged) where TTime : notnull
    {
        var pushes = TraceModel.Updates(Vals.Int, domain, 40).Array[1, 6];
        Gen.Select(pushes, TraceModel.Chain(domain, 4)).Sample((batches, chain) =>
        {
            var batcher = new MergeBatcher<int, int, TTime, long>(staged);
            var remaining = new List<ModelUpdate<int, TTime>>();
            var lower = domain.Frontier(chain[0]);
            // Push a share of the batches before each seal, all of them by the last.
            for (var s = 1; s < chain.Length; s++)
            {
                var upTo = batches.Length * s / (chain.Length - 1);
                for (var b = batches.Length * (s - 1) / (chain.Length - 1); b < upTo; b++)
                {
                    batcher.Push(ToBatch(batches[b]));
                    remaining.AddRange(batches[b]);
                }
                // Between seals the batcher's frontier is a lower bound of every update it holds.
                Assert.All(TraceModel.Consolidate(remaining), u => Assert.True(batcher.Frontier.LessEqual(u.Time), $"{u.Time} is below the batcher's frontier {batcher.Frontier}"));
                var frontier = domain.Frontier(chain[s]);
                var batch = batcher.Seal(frontier, new Description<TTime>(lower, frontier, Antichain<TTime>.From(Timestamp.Minimum<TTime>())));
                lower = frontier;
                TraceModel.AssertWellFormed(batch);
                var passed = remaining.Where(u => !frontier.LessEqual(u.Time)).ToList();
                remaining.RemoveAll(u => !frontier.LessEqual(u.Time));
                Assert.Equal(TraceModel.Consolidate(passed), TraceModel.Flatten<int, TTime>([batch]));
                Assert.Equal(new Antichain<TTime>(TraceModel.Consolidate(remaining).Select(u => u.Time)), batcher.Frontier);
                Assert.True(batcher.Count >= TraceModel.Consolidate(remaining).Count);
            }
            Assert.Equal(0, batcher.Count);
        }, iter: 1000, threads: 1);
    }

    [Fact]
    public void Repeated_updates_are_consolidated_while_they_wait()
    {
        // Staging 30 updates: the 300 pushed are sorted into runs of 30, 10 at a time, and consolidated as runs merge.
        var batcher = new MergeBatcher<int, int, long, long>(30);
        for (var i = 0; i < 100; i++)
            batcher.Push(new UpdateBatch<(int Key, int Value), long, long>([(i % 3, 0), (7, 0), (8, 0)], [0, 0, 0], [1, 1, i % 2 == 0 ? 1 : -1]));
        // Keys 0, 1, 2 and 7 remain; key 8's insertions and removals cancel.
        Assert.Equal(4, batcher.Count);
    }

    [Fact]
    public void Staged_updates_wait_unsorted_until_enough_are_staged()
    {
        var batcher = new MergeBatcher<int, int, long, long>(7);
        for (var i = 0; i < 6; i++)
            batcher.Push(new UpdateBatch<(int Key, int Value), long, long>([(1, 0)], [0], [1]));
        // Six updates of one key, not yet sorted; the seventh makes a run of one consolidated update.
        Assert.Equal(6, batcher.Count);
        batcher.Push(new UpdateBatch<(int Key, int Value), long, long>([(1, 0)], [0], [1]));
        Assert.Equal(1, batcher.Count);
    }

    private static UpdateBatch<(int Key, int Value), TTime, long> ToBatch<TTime>(ModelUpdate<int, TTime>[] updates) =>
        new([.. updates.Select(u => (u.Key, u.Val))], [.. updates.Select(u => u.Time)], [.. updates.Select(u => u.Diff)]);
}
