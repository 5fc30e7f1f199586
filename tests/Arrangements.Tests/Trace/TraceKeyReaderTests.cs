using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Arrangements.Trace.Hashed;
using CsCheck;

namespace AkkaDifferential.Arrangements.Tests.Trace;

/// <summary>
/// <see cref="TraceKeyReader{TKey, TVal, TTime, TDiff}"/> against the batches' own contents: for any sequence of
/// keys (increasing, repeated or going back), each read returns exactly the key's updates across all batches, as a
/// multiset, and reports whether the key is present; over batches of either key layout, or of both mixed (a reader
/// takes each batch as it is).
/// </summary>
public sealed class TraceKeyReaderTests
{
    [Fact]
    public void Reads_every_update_of_each_key_long_times() => Check(TimeDomains.Long);

    [Fact]
    public void Reads_every_update_of_each_key_product_times() => Check(TimeDomains.Product);

    [Fact]
    public void Reads_every_update_of_each_key_from_hashed_batches() => Check(TimeDomains.Product, Gen.Const(KeyLayout.Hashed));

    [Fact]
    public void Reads_every_update_of_each_key_from_batches_of_both_layouts() =>
        Check(TimeDomains.Product, Gen.OneOf(Gen.Const(KeyLayout.Ordered), Gen.Const(KeyLayout.Hashed)));

    private static void Check<TTime>(TimeDomain<TTime> domain, Gen<KeyLayout>? layouts = null) where TTime : notnull
    {
        var min = Antichain<TTime>.From(Timestamp.Minimum<TTime>());
        var layout = layouts ?? Gen.Const(KeyLayoutSetting.Default);
        Gen.Select(Gen.Select(TraceModel.Updates(Vals.Int, domain, 30), layout).Array[0, 6], Gen.Int[-1, 7].Array[0, 12], Gen.Bool)
            .Sample((batchUpdates, keys, sorted) =>
            {
                var batches = batchUpdates.Select(b => TraceModel.Seal(b.Item1, min, min, min, b.Item2)).ToList();
                var present = TraceModel.Flatten<int, TTime>(batches);
                var reader = new TraceKeyReader<int, int, TTime, long>(batches);
                var read = new List<(int Val, TTime Time, long Diff)>();
                foreach (var key in sorted ? keys.Order().ToArray() : keys)
                {
                    read.Clear();
                    var found = reader.Read(key, read);
                    var expected = present.Where(u => u.Key == key).Select(u => (u.Val, u.Time, u.Diff)).OrderBy(u => u.ToString()).ToList();
                    Assert.Equal(expected.Count > 0, found);
                    Assert.Equal(expected, read.OrderBy(u => u.ToString()).ToList());
                }
            }, iter: 1000, threads: 1);
    }
}
