using System.Runtime.Serialization;
using AkkaDifferential.Arrangements.Updates;
using AkkaDifferential.Cluster.Wire;
using AkkaDifferential.Operators.Capture;
using AkkaDifferential.Operators.Runtime;
using CsCheck;

namespace AkkaDifferential.Cluster.Tests.Wire;

/// <summary>
/// Data batches through the columnar batch serializer: every record, time and difference type comes back equal,
/// whatever the batch's unused capacity (which never travels); constant columns take one item; a malformed frame is
/// refused with a <see cref="SerializationException"/>, never read past; frames are counted where they went.
/// </summary>
public sealed class BatchSerializerTests(WireSystems wire) : IClassFixture<WireSystems>
{
    private static readonly Gen<string> Strings = Gen.OneOf(Gen.Const((string)null!), Gen.String, Gen.Char["aé€😀"].Array[0, 5].Select(c => new string(c)));
    // Hyperion writes strings as UTF-8, which cannot carry a lone surrogate: records hold well-formed strings.
    private static readonly Gen<string> WellFormed = Gen.OneOf(Gen.Const("😀"), Gen.Char["ab é€"].Array[0, 6].Select(c => new string(c)));
    private static readonly Gen<Product<long, int>> ProductTimes = Gen.Select(Gen.Long[0, 5], Gen.Int[0, 3], (o, i) => new Product<long, int>(o, i));

    [Fact]
    public void Data_batches_have_the_batch_serializer() =>
        Assert.IsType<BatchSerializer>(wire.SerializerOf(new RuntimeProtocol.Deliver(0, 0, UpdateBatch<long, long, long>.Empty)));

    [Fact]
    public void Longs_round_trip() => RoundTrips(Gen.Long, Gen.Long[0, 3], Gen.Long[-2, 2]);

    [Fact]
    public void Int_pairs_round_trip() => RoundTrips(Gen.Select(Gen.Int, Gen.Int), Gen.Long[0, 1], Gen.Const(1L));

    [Fact]
    public void Strings_with_nulls_and_any_characters_round_trip() => RoundTrips(Strings, Gen.Long, Gen.Long);

    [Fact]
    public void Nested_tuples_at_product_times_round_trip() =>
        RoundTrips(Gen.Select(Strings, Gen.Select(Gen.Int, Gen.Long, Gen.Bool)), ProductTimes, Gen.Int[-3, 3]);

    [Fact]
    public void Nested_product_times_and_unit_values_round_trip() =>
        RoundTrips(Gen.Select(Gen.Long, Gen.Const(Unit.Value)), Gen.Select(ProductTimes, Gen.Int, (p, i) => new Product<Product<long, int>, int>(p, i)), Gen.Long);

    [Fact]
    public void Other_primitives_round_trip() =>
        RoundTrips(Gen.Select(Gen.Double, Gen.Guid, Gen.Decimal, Gen.Char), Gen.Long, Gen.Select(Gen.Short, Gen.Byte, Gen.DateTime, Gen.UInt));

    [Fact]
    public void Users_records_go_through_hyperion_and_round_trip() =>
        RoundTrips(
            Gen.Select(Gen.Int, Gen.Select(WellFormed, Gen.Long, Gen.Bool, (c, a, t) => new Order(c, a, t ? new Tag(c + "!") : null))),
            Gen.Long[0, 3],
            Gen.Select(Gen.Double, Gen.Double, (x, y) => new Point(x, y)));

    [Fact]
    public void Wide_tuples_and_optionals_go_through_hyperion_and_round_trip() =>
        RoundTrips(Gen.Select(Gen.Int, Gen.Int, Gen.Int, Gen.Int, Gen.Int).Select(t => (t.Item1, t.Item2, t.Item3, t.Item4, t.Item5)),
            Gen.Long, Gen.Int.Select(i => i % 2 == 0 ? Optional.Some(i) : Optional<int>.None));

    [Fact]
    public void Captured_batches_round_trip()
    {
        var batch = new UpdateBatch<(int, int), long, long>([(1, 2), (3, 4)], [5, 6], [1, -1]);
        var incarnation = Guid.NewGuid();
        var (back, _) = wire.RoundTrip(new CaptureProtocol.Captured(incarnation, 7, batch));
        Assert.Equal((incarnation, 7), (back.Incarnation, back.Bucket));
        Assert.Equal(batch.Data.ToArray(), ((UpdateBatch<(int, int), long, long>)back.Batch).Data.ToArray());
    }

    [Fact]
    public void Constant_columns_cost_one_item_and_integers_the_bytes_their_range_needs()
    {
        const int Updates = 10_000;
        var edges = Enumerable.Range(0, Updates).Select(i => (i, -i)).ToArray();
        var batch = new UpdateBatch<(int, int), long, long>(edges, [.. Enumerable.Repeat(3L, Updates)], [.. Enumerable.Repeat(1L, Updates)]);
        var (_, bytes) = wire.RoundTrip(new RuntimeProtocol.Deliver(1, 0, batch));
        // Both items range over 10,000 values: two bytes each; the times and differences are one item each.
        Assert.InRange(bytes, 4 * Updates, 4 * Updates + 60);
        var wide = new UpdateBatch<long, long, long>([.. Enumerable.Range(0, Updates).Select(i => i * (long)uint.MaxValue)], [.. Enumerable.Repeat(3L, Updates)], [.. Enumerable.Repeat(1L, Updates)]);
        Assert.InRange(wire.RoundTrip(new RuntimeProtocol.Deliver(1, 0, wide)).Bytes, 8 * Updates, 8 * Updates + 60);
    }

    [Fact]
    public void Integers_near_any_base_and_at_the_extremes_round_trip() =>
        Gen.Select(Gen.Long, Gen.Int[0, 4], Gen.Int[0, 200]).SelectMany((b, width, count) =>
            Gen.ULong[0, width switch { 0 => 0UL, 1 => byte.MaxValue, 2 => ushort.MaxValue, 3 => uint.MaxValue, _ => ulong.MaxValue }].Array[count]
                .Select(offsets => offsets.Select(o => unchecked(b + (long)o)).Concat(width == 4 ? [long.MinValue, long.MaxValue] : []).ToArray()))
        .Sample(values =>
        {
            var batch = new UpdateBatch<(long, int), long, short>(
                [.. values.Select(v => (v, (int)v))], values, [.. values.Select(v => (short)v)]);
            var (back, _) = wire.RoundTrip(new RuntimeProtocol.Deliver(0, 0, batch));
            var read = (UpdateBatch<(long, int), long, short>)back.Batch;
            Assert.Equal(batch.Data.ToArray(), read.Data.ToArray());
            Assert.Equal(values, read.Times.ToArray());
            Assert.Equal(batch.Diffs.ToArray(), read.Diffs.ToArray());
        }, iter: 1000);

    [Fact]
    public void Every_truncation_of_a_frame_is_refused_as_malformed()
    {
        var batch = new UpdateBatch<(string, long), Product<long, int>, long>([("a", 1), ("bé", 2), (null!, 3)], [new(1, 0), new(1, 2), new(2, 0)], [1, 1, -1]);
        var message = new RuntimeProtocol.Deliver(2, 1, batch);
        var serializer = wire.SerializerOf(message);
        var bytes = serializer.ToBinary(message);
        for (var length = 0; length < bytes.Length; length++)
        {
            var refused = Assert.Throws<SerializationException>(() => wire.Here.Serialization.Deserialize(bytes[..length], serializer.Identifier, "D"));
            Assert.Contains("Malformed frame", refused.Message, StringComparison.Ordinal);
        }
        Assert.Throws<SerializationException>(() => wire.Here.Serialization.Deserialize([.. bytes, 0], serializer.Identifier, "D"));
    }

    [Fact]
    public void A_corrupted_frame_is_read_or_refused_never_anything_else()
    {
        var batch = new UpdateBatch<(string, int), long, long>([("x", 1), ("yy", 2)], [4, 4], [1, 2]);
        var message = new RuntimeProtocol.Deliver(0, 0, batch);
        var serializer = wire.SerializerOf(message);
        var bytes = serializer.ToBinary(message);
        Gen.Select(Gen.Int[0, bytes.Length - 1], Gen.Byte).Array[1, 4].Sample(flips =>
        {
            var corrupted = bytes.ToArray();
            foreach (var (at, value) in flips)
                corrupted[at] = value;
            try
            {
                wire.Here.Serialization.Deserialize(corrupted, serializer.Identifier, "D");
            }
            catch (SerializationException)
            {
                // Refused: the only other outcome allowed.
            }
        }, iter: 2000);
    }

    [Fact]
    public void A_frame_read_on_another_node_counts_as_received_one_read_back_in_place_as_local()
    {
        var serializer = (BatchSerializer)wire.SerializerOf(new RuntimeProtocol.Deliver(0, 0, UpdateBatch<long, long, long>.Empty));
        var before = serializer.Counters.Snapshot();
        var message = new RuntimeProtocol.Deliver(0, 0, new UpdateBatch<long, long, long>([1, 2, 3], [0, 0, 0], [1, 1, 1]));
        var bytes = serializer.ToBinary(message);
        serializer.FromBinary(bytes, "D");
        var local = serializer.Counters.Snapshot();
        Assert.Equal(new WireTraffic.Count(1, 3, bytes.Length), local.Local - before.Local);
        Assert.Equal(before.Sent, local.Sent);
        Assert.Equal(before.Received, local.Received);

        bytes = serializer.ToBinary(message);
        serializer.FromBinary([.. bytes], "D");
        var remote = serializer.Counters.Snapshot();
        Assert.Equal(new WireTraffic.Count(1, 3, bytes.Length), remote.Sent - local.Sent);
        Assert.Equal(new WireTraffic.Count(1, 3, bytes.Length), remote.Received - local.Received);
        Assert.Equal(local.Local, remote.Local);
    }

    private void RoundTrips<TData, TTime, TDiff>(Gen<TData> data, Gen<TTime> time, Gen<TDiff> diff) =>
        Gen.Select(Gen.Select(data, time, diff).Array[0, 120], Gen.Int[0, 9], Gen.Int[0, 50], Gen.Int[0, 5]).Sample((updates, slack, op, port) =>
        {
            // A builder's buffers: longer than the batch, the extra items arbitrary.
            var padded = updates.Concat(updates.Take(slack)).Concat(Enumerable.Repeat(updates.FirstOrDefault(), Math.Max(0, slack - updates.Length))).ToArray();
            var batch = new UpdateBatch<TData, TTime, TDiff>(
                [.. padded.Select(u => u.Item1)], [.. padded.Select(u => u.Item2)], [.. padded.Select(u => u.Item3)], updates.Length);
            var (back, bytes) = wire.RoundTrip(new RuntimeProtocol.Deliver(op, port, batch));
            Assert.Equal((op, port), (back.Operator, back.Port));
            var read = Assert.IsType<UpdateBatch<TData, TTime, TDiff>>(back.Batch);
            Assert.Equal(updates.Select(u => u.Item1), read.Data.ToArray());
            Assert.Equal(updates.Select(u => u.Item2), read.Times.ToArray());
            Assert.Equal(updates.Select(u => u.Item3), read.Diffs.ToArray());
            var exact = new UpdateBatch<TData, TTime, TDiff>([.. updates.Select(u => u.Item1)], [.. updates.Select(u => u.Item2)], [.. updates.Select(u => u.Item3)]);
            Assert.Equal(bytes, wire.RoundTrip(new RuntimeProtocol.Deliver(op, port, exact)).Bytes);
        }, iter: 150);

    /// <summary>A user's record type, with no column of its own.</summary>
    public sealed record Order(string Customer, long Amount, Tag? Tag);

    /// <summary>A record inside a record.</summary>
    public sealed record Tag(string Label);

    /// <summary>A user's struct, as a difference type.</summary>
    public readonly record struct Point(double X, double Y);
}
