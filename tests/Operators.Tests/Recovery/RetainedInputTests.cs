using AkkaDifferential.Arrangements.Updates;
using AkkaDifferential.Operators.Recovery;
using CsCheck;

namespace AkkaDifferential.Operators.Tests.Recovery;

/// <summary>
/// What an input session retains for a redeployment, compacted off the session's thread while batches keep coming:
/// random batches at random times, the retention frontier moving, compactions begun whenever due and completed
/// whenever done. At every step and at every time in advance of the frontier the retained updates accumulate to what
/// every batch added accumulates to, and the count is theirs.
/// </summary>
public sealed class RetainedInputTests
{
    /// <summary>0: a batch of <c>Size</c> updates at offsets from the frontier; 1: the frontier moves by <c>Offset</c>.</summary>
    private sealed record Op(int Kind, int Size, int Offset, int Seed);

    private static readonly Gen<Op> OpGen = Gen.Select(Gen.Frequency((4, Gen.Const(0)), (1, Gen.Const(1))), Gen.Int[1, 700], Gen.Int[0, 3], Gen.Int,
        (kind, size, offset, seed) => new Op(kind, size, offset, seed));

    [Fact]
    public void Compacting_while_batches_come_keeps_the_collection_at_every_time_in_advance_of_the_frontier() =>
        OpGen.Array[1, 40].Sample(ops =>
        {
            var retained = new RetainedInput<int, long, long>(chunk: 500);
            var added = new List<(int Data, long Time, long Diff)>();
            var since = 0L;
            foreach (var op in ops)
            {
                if (op.Kind == 1)
                    since += op.Offset;
                else
                {
                    var random = new Random(op.Seed);
                    var builder = new UpdateBuilder<int, long, long>();
                    for (var i = 0; i < op.Size; i++)
                    {
                        var update = (random.Next(40), since + random.Next(4), (long)random.Next(-2, 3));
                        builder.Add(update.Item1, update.Item2, update.Item3);
                        added.Add(update);
                    }
                    retained.Add(builder.Build());
                }
                retained.TryComplete();
                if (retained.ShouldCompact)
                    retained.BeginCompaction(Antichain<long>.From(since));
                AssertSame(added, retained, since);
            }
            while (retained.Compacting)
                retained.TryComplete();
            AssertSame(added, retained, since);
        });

    [Fact]
    public void A_send_does_not_wait_for_a_compaction_unless_it_has_outrun_it()
    {
        const int Large = 1 << 20;
        var retained = new RetainedInput<int, long, long>(chunk: 1 << 16);
        retained.Add(Batch(0, Large));
        Assert.True(retained.ShouldCompact);
        retained.BeginCompaction(Antichain<long>.From(1));
        // A million updates take milliseconds to sort and consolidate: a send just after the compaction began goes on without it.
        retained.Add(Batch(1, 100));
        Assert.False(retained.TryComplete());
        Assert.True(retained.Compacting);
        // Half as many updates again as it began with: the next call waits for it.
        retained.Add(Batch(2, Large / 2));
        Assert.True(retained.TryComplete());
        Assert.False(retained.Compacting);
        // The compacted updates consolidated to one per record; the later batches stay as they came.
        Assert.Equal(Large / 4 + 100 + Large / 2, retained.Count);
        var sizes = retained.Batches.Select(static b => b.Count).ToList();
        Assert.Equal(Large / 4, sizes.SkipLast(2).Sum());
        Assert.Equal([100, Large / 2], sizes.TakeLast(2));
    }

    /// <summary><paramref name="count"/> inserts at time 0, four of each of <c>count / 4</c> records, all above those of a lower <paramref name="part"/>.</summary>
    private static UpdateBatch<int, long, long> Batch(int part, int count)
    {
        var builder = new UpdateBuilder<int, long, long>(count);
        for (var i = 0; i < count; i++)
            builder.Add((part << 21) + i / 4, 0, 1);
        return builder.Build();
    }

    private static void AssertSame(List<(int Data, long Time, long Diff)> added, RetainedInput<int, long, long> retained, long since)
    {
        var kept = retained.Batches.SelectMany(static b => Enumerable.Range(0, b.Count).Select(i => (Data: b.Data[i], Time: b.Times[i], Diff: b.Diffs[i]))).ToList();
        Assert.Equal(kept.Count, retained.Count);
        var last = added.Count == 0 ? since : Math.Max(since, added.Max(static u => u.Time));
        for (var time = since; time <= last; time++)
            Assert.Equal(Accumulate(added, time), Accumulate(kept, time));
    }

    private static List<(int Data, long Diff)> Accumulate(IEnumerable<(int Data, long Time, long Diff)> updates, long time) =>
        [.. updates.Where(u => u.Time <= time).GroupBy(static u => u.Data, static u => u.Diff).Select(static g => (g.Key, g.Sum())).Where(static c => c.Item2 != 0).OrderBy(static c => c.Key)];
}
