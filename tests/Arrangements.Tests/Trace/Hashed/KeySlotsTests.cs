using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Arrangements.Trace.Columns;
using AkkaDifferential.Arrangements.Trace.Hashed;
using AkkaDifferential.Arrangements.Tests.Trace.Columns;
using CsCheck;

namespace AkkaDifferential.Arrangements.Tests.Trace.Hashed;

/// <summary>
/// <see cref="KeySlots"/> against a linear scan of the keys in hash order: every key is found at its index, absent
/// keys are not found, and the lower bound of any key (present or absent) is the first key not before it; with int
/// and string keys (stored, and Huffman-encoded, whose hashes and comparisons are read from the code), and with a key
/// type whose hashes collide, where the order among equal hashes decides.
/// </summary>
public sealed class KeySlotsTests
{
    [Fact]
    public void Finds_every_int_key_and_no_absent_one() => Check(Gen.Int[-2000, 2000]);

    [Fact]
    public void Finds_every_string_key_and_no_absent_one() => Check(Gen.String[0, 6]);

    [Fact]
    public void Finds_every_encoded_string_key_and_no_absent_one() =>
        Check(Gen.String[0, 6], static keys => KeyColumn<string>.Encoded(HuffmanStringsTests.Encode(keys)));

    [Fact]
    public void Finds_keys_whose_hashes_collide() => Check(Gen.Int[0, 60].Select(static v => new Colliding(v)));

    [Fact]
    public void Refuses_keys_that_are_not_in_hash_order()
    {
        var keys = Enumerable.Range(0, 10).Order(Comparer<int>.Create(HashOrder<int>.Compare)).Reverse().ToArray();
        var refused = Assert.Throws<InvalidOperationException>(() => KeySlots.Build(Stored(keys)));
        Assert.Contains("hash order", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sizes_the_table_for_two_keys_a_slot_at_most()
    {
        foreach (var n in new[] { 0, 1, 2, 3, 5, 64, 1000, 1 << 12 })
        {
            var keys = Enumerable.Range(0, n).Order(Comparer<int>.Create(HashOrder<int>.Compare)).ToArray();
            var slots = KeySlots.Build(Stored(keys)).SlotCount;
            Assert.True(slots * KeySlots.KeysPerSlot >= n, $"{n} keys in {slots} slots");
            Assert.True(slots == 1 || slots * KeySlots.KeysPerSlot < 2 * n, $"{n} keys in {slots} slots: too many slots");
        }
    }

    [Fact]
    public void A_merge_refuses_batches_of_two_layouts()
    {
        var min = Antichain<long>.From(0);
        var middle = Antichain<long>.From(1);
        var ordered = TraceModel.Seal([new ModelUpdate<int, long>(1, 1, 0, 1)], min, middle, min, KeyLayout.Ordered);
        var hashed = TraceModel.Seal([new ModelUpdate<int, long>(2, 1, 1, 1)], middle, Antichain<long>.From(2), min, KeyLayout.Hashed);
        var refused = Assert.Throws<InvalidOperationException>(() => new BatchMerger<int, int, long, long>(ordered, hashed, min));
        Assert.Contains("key layout", refused.Message, StringComparison.Ordinal);
        // An empty batch goes with either, and the result keeps the other's layout.
        var empty = TraceBatch<int, int, long, long>.Empty(new Description<long>(middle, middle, min));
        Assert.Equal(KeyLayout.Hashed, new BatchMerger<int, int, long, long>(empty, hashed, Antichain<long>.From(1)).Complete().KeyLayout);
    }

    [Fact]
    public void The_setting_names_a_layout_or_is_refused()
    {
        Assert.Equal(KeyLayout.Ordered, KeyLayoutSetting.Parse(null));
        Assert.Equal(KeyLayout.Ordered, KeyLayoutSetting.Parse(" Ordered "));
        Assert.Equal(KeyLayout.Hashed, KeyLayoutSetting.Parse("hashed"));
        var refused = Assert.Throws<InvalidOperationException>(() => KeyLayoutSetting.Parse("robin"));
        Assert.Contains(KeyLayoutSetting.Variable, refused.Message, StringComparison.Ordinal);
        Assert.Contains("'robin'", refused.Message, StringComparison.Ordinal);
    }

    private static KeyColumn<TKey> Stored<TKey>(TKey[] keys) => KeyColumn<TKey>.Stored(keys, keys.Length);

    private static void Check<TKey>(Gen<TKey> keys, Func<TKey[], KeyColumn<TKey>>? column = null) =>
        Gen.Select(keys.Array[0, 300], keys.Array[0, 40]).Sample((drawn, probes) =>
        {
            var order = Comparer<TKey>.Create(HashOrder<TKey>.Compare);
            var sorted = drawn.Distinct().Order(order).ToArray();
            var columnOfKeys = (column ?? Stored)(sorted);
            var slots = KeySlots.Build(columnOfKeys);
            for (var k = 0; k < sorted.Length; k++)
                Assert.Equal(k, slots.Find(columnOfKeys, sorted[k], HashOrder<TKey>.Hash(sorted[k])));
            foreach (var probe in probes)
            {
                var hash = HashOrder<TKey>.Hash(probe);
                var at = Array.FindIndex(sorted, key => DataOrder<TKey>.Compare(key, probe) == 0);
                Assert.Equal(at, slots.Find(columnOfKeys, probe, hash));
                var lower = Array.FindIndex(sorted, key => order.Compare(key, probe) >= 0);
                Assert.Equal(lower < 0 ? sorted.Length : lower, slots.LowerBound(columnOfKeys, probe, hash));
            }
        }, iter: 400);
}

/// <summary>A key with four stable hashes among all its values, so keys of one hash are ordered by value.</summary>
public readonly record struct Colliding(int Value)
{
    static Colliding() => StableHash.Register<Colliding>(static c => (ulong)(c.Value % 4));
}
