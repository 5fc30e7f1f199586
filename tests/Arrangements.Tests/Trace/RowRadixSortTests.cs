using AkkaDifferential.Arrangements.Data;
using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Progress.Frontiers;
using CsCheck;

namespace AkkaDifferential.Arrangements.Tests.Trace;

/// <summary>
/// <see cref="RowRadixSort"/> against the comparison sort: on random rows of every supported key type, with keys at
/// the ends of their range, negative ones, few distinct bytes and many duplicates, the rows end in the same order
/// (equal under <see cref="TraceRowOrder{TKey, TVal, TTime, TDiff}"/> position by position) and are a permutation of
/// the input.
/// </summary>
public sealed class RowRadixSortTests
{
    [Fact]
    public void Int_keys_sort_as_the_comparison_sort_does() =>
        Rows(Gen.OneOf(Gen.Int[-3, 3], Gen.Int, Gen.Int[int.MinValue, int.MinValue + 2], Gen.Int[int.MaxValue - 2, int.MaxValue])).Sample(Check, iter: 400);

    [Fact]
    public void Long_keys_sort_as_the_comparison_sort_does() =>
        Rows(Gen.OneOf(Gen.Long[-3, 3], Gen.Long, Gen.Long[0, 1L << 40], Gen.Long[long.MinValue, long.MinValue + 2], Gen.Long[long.MaxValue - 2, long.MaxValue])).Sample(Check, iter: 400);

    [Fact]
    public void Unsigned_keys_sort_as_the_comparison_sort_does()
    {
        Rows(Gen.OneOf(Gen.UInt[0, 5], Gen.UInt, Gen.UInt[uint.MaxValue - 2, uint.MaxValue])).Sample(Check, iter: 200);
        Rows(Gen.OneOf(Gen.ULong[0, 5], Gen.ULong, Gen.ULong[ulong.MaxValue - 2, ulong.MaxValue], Gen.ULong[(1UL << 63) - 1, (1UL << 63) + 1])).Sample(Check, iter: 200);
    }

    [Fact]
    public void Batches_built_from_many_integer_keyed_updates_equal_the_consolidated_input() =>
        Gen.Select(Gen.Int[-50, 50], Gen.Int[0, 3], Gen.Long[0, 5], Gen.Long[-2, 2]).Array[RowRadixSort.Threshold, 2_000].Sample(updates =>
        {
            var builder = new TraceBatchBuilder<int, int, long, long>(KeyLayout.Ordered);
            foreach (var (key, val, time, diff) in updates)
                builder.Push(key, val, time, diff);
            var batch = builder.Seal(new Description<long>(
                Antichain<long>.From(0L), Antichain<long>.From(10L), Antichain<long>.From(0L)));
            var expected = updates.GroupBy(u => (u.Item1, u.Item2, u.Item3)).Select(g => (g.Key.Item1, g.Key.Item2, g.Key.Item3, g.Sum(u => u.Item4)))
                .Where(u => u.Item4 != 0).Order().ToList();
            var actual = new List<(int, int, long, long)>();
            for (var k = 0; k < batch.KeyCount; k++)
                for (var v = batch.KeyOffsets[k]; v < batch.KeyOffsets[k + 1]; v++)
                    for (var u = batch.ValOffsets[v]; u < batch.ValOffsets[v + 1]; u++)
                        actual.Add((batch.Keys[k], batch.Vals[v], batch.Times[u], batch.Diffs[u]));
            Assert.Equal(expected, actual);
        }, iter: 200);

    [Fact]
    public void Sorts_too_large_for_the_pool_share_one_kept_scratch_and_leave_it_holding_no_references()
    {
        // A batcher's staging builder sorts stage after stage through one scratch: larger, smaller, then larger again.
        var random = new Random(20261207);
        TraceRow<int, string, long, long>[]? scratch = null;
        TraceRow<int, string, long, long>[]? kept = null;
        foreach (var count in new[] { 70_000, 100_000, 66_000, 100_000 })
        {
            var rows = new TraceRow<int, string, long, long>[count];
            for (var i = 0; i < count; i++)
                rows[i] = new(random.Next(-40_000, 40_000), "abc"[random.Next(3)].ToString(), random.Next(4), random.Next(-2, 3));
            var expected = rows.ToArray();
            var order = new TraceRowOrder<int, string, long, long>();
            SpanSort.Sort(expected.AsSpan(), order);
            RowRadixSort.Sort(rows.AsSpan(), ref scratch);
            for (var i = 0; i < count; i++)
                Assert.True(order.Compare(expected[i], rows[i]) == 0, $"row {i} of {count}: expected key {expected[i].Key}, got {rows[i].Key}");
            Assert.NotNull(scratch);
            Assert.True(scratch.Length >= count);
            Assert.All(scratch, row => Assert.Null(row.Val));
            if (kept is not null && kept.Length >= count)
                Assert.Same(kept, scratch);
            kept = scratch;
        }
    }

    [Fact]
    public void Only_integer_keys_of_a_batch_at_the_threshold_are_sorted_by_radix()
    {
        Assert.True(RowRadixSort.Applies<int>(RowRadixSort.Threshold));
        Assert.True(RowRadixSort.Applies<ulong>(RowRadixSort.Threshold));
        Assert.False(RowRadixSort.Applies<long>(RowRadixSort.Threshold - 1));
        Assert.False(RowRadixSort.Applies<string>(1 << 20));
        Assert.False(RowRadixSort.Applies<(int, int)>(1 << 20));
    }

    // Values are strings, so rows hold references (the pooled buffer must be cleared), and few distinct values and
    // times make runs of equal keys that the comparison sort finishes.
    private static Gen<(TKey Key, string Val, long Time, long Diff)[]> Rows<TKey>(Gen<TKey> keys) =>
        Gen.Select(keys, Gen.Int[0, 2].Select(i => "abc"[i].ToString()), Gen.Long[0, 3], Gen.Long[-2, 2]).Array[0, 700];

    private static void Check<TKey>((TKey Key, string Val, long Time, long Diff)[] input)
    {
        var rows = input.Select(r => new TraceRow<TKey, string, long, long>(r.Key, r.Val, r.Time, r.Diff)).ToArray();
        var expected = rows.ToArray();
        var order = new TraceRowOrder<TKey, string, long, long>();
        SpanSort.Sort(expected.AsSpan(), order);
        RowRadixSort.Sort(rows.AsSpan());
        for (var i = 0; i < rows.Length; i++)
            Assert.True(order.Compare(expected[i], rows[i]) == 0, $"row {i} of {rows.Length}: expected key {expected[i].Key}, got {rows[i].Key}");
        Assert.Equal(
            input.Select(r => (r.Key, r.Val, r.Time, r.Diff)).OrderBy(r => r.Key).ThenBy(r => r.Val, StringComparer.Ordinal).ThenBy(r => r.Time).ThenBy(r => r.Diff),
            rows.Select(r => (r.Key, r.Val, r.Time, r.Diff)).OrderBy(r => r.Key).ThenBy(r => r.Val, StringComparer.Ordinal).ThenBy(r => r.Time).ThenBy(r => r.Diff));
    }
}
