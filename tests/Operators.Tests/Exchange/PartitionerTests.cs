using AkkaDifferential.Operators.Exchange;
using CsCheck;

namespace AkkaDifferential.Operators.Tests.Exchange;

/// <summary>
/// The exchange against its definition: by hash, every record goes to the bucket of its key's stable hash, in its
/// order; evenly, record <c>i</c> of the stream goes to bucket <c>i mod B</c>, across calls. Parts are non-empty and
/// ordered by bucket, and calls with any bucket counts on one thread leave no state behind.
/// </summary>
public sealed class PartitionerTests
{
    private static readonly Gen<int> Buckets = Gen.OneOf(Gen.Int[1, 5], Gen.Int[6, 1500]);
    private static readonly Gen<(int, long, long)[]> Updates = Gen.Select(Gen.Int[0, 50], Gen.Long[0, 3], Gen.Long[-2, 2]).Array[0, 200];

    [Fact]
    public void By_hash_sends_every_record_to_its_keys_bucket() =>
        Gen.Select(Buckets, Updates.Array[1, 4]).Sample((buckets, batches) =>
        {
            var partitioner = new Partitioner<int, long, long>(buckets);
            foreach (var updates in batches)
            {
                var parts = partitioner.ByHash(Batch(updates), static x => StableHash<int>.Hash(x));
                var expected = updates.GroupBy(u => StableHash.Bucket(StableHash<int>.Hash(u.Item1), buckets)).OrderBy(g => g.Key).ToList();
                Assert.Equal(expected.Select(g => g.Key), parts.Select(p => p.Bucket));
                for (var i = 0; i < parts.Count; i++)
                    Assert.Equal(expected[i], Rows(parts[i].Batch));
            }
        }, iter: 500);

    [Fact]
    public void Evenly_deals_the_records_round_robin_across_calls() =>
        Gen.Select(Buckets, Updates.Array[1, 4]).Sample((buckets, batches) =>
        {
            var partitioner = new Partitioner<int, long, long>(buckets);
            var dealt = 0L;
            foreach (var updates in batches)
            {
                var parts = partitioner.Evenly(Batch(updates));
                var expected = updates.Select((u, i) => (Bucket: (int)((dealt + i) % buckets), Update: u))
                    .GroupBy(x => x.Bucket, x => x.Update).OrderBy(g => g.Key).ToList();
                Assert.Equal(expected.Select(g => g.Key), parts.Select(p => p.Bucket));
                for (var i = 0; i < parts.Count; i++)
                    Assert.Equal(expected[i], Rows(parts[i].Batch));
                dealt += updates.Length;
            }
        }, iter: 500);

    private static UpdateBatch<int, long, long> Batch((int, long, long)[] updates) =>
        new([.. updates.Select(u => u.Item1)], [.. updates.Select(u => u.Item2)], [.. updates.Select(u => u.Item3)]);

    private static IEnumerable<(int, long, long)> Rows(UpdateBatch<int, long, long> batch) =>
        Enumerable.Range(0, batch.Count).Select(i => (batch[i].Data, batch[i].Time, batch[i].Diff));
}
