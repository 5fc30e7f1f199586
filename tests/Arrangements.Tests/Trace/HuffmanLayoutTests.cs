using AkkaDifferential.Arrangements.Tests.Trace.Columns;
using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Arrangements.Trace.Columns;
using AkkaDifferential.Arrangements.Trace.Hashed;
using CsCheck;

namespace AkkaDifferential.Arrangements.Tests.Trace;

/// <summary>
/// The Huffman-encoded layout of string keys against the plain one, on the same random histories: random strings
/// (empty, non-ASCII, lone surrogates, long) as keys, updates at partially ordered times, batches merged with fuel and
/// compacted as the frontier advances. The two traces must hold the same batches, read the same through cursors
/// (walks, seeks, reads by key, in any order) and the trace reader, and accumulate as the model does. Each test runs
/// with both key layouts, whatever <c>AKKADIFFERENTIAL_KEY_LAYOUT</c> says: a hashed batch's encoded keys are ordered by
/// hash and found by probes, an ordered batch's sorted and found by galloping.
/// </summary>
public class HuffmanLayoutTests
{
    [Theory]
    [InlineData(KeyLayout.Ordered)]
    [InlineData(KeyLayout.Hashed)]
    public void AnEncodedSpineReadsAsThePlainOne_LongTimes(KeyLayout layout) => Check(TimeDomains.Long, layout, iter: 400);

    [Theory]
    [InlineData(KeyLayout.Ordered)]
    [InlineData(KeyLayout.Hashed)]
    public void AnEncodedSpineReadsAsThePlainOne_ProductTimes(KeyLayout layout) => Check(TimeDomains.Product, layout, iter: 300);

    [Theory]
    [InlineData(KeyLayout.Ordered)]
    [InlineData(KeyLayout.Hashed)]
    public void AnEncodedCompositeSpineReadsAsThePlainOne_ProductTimes(KeyLayout layout) => Check(TimeDomains.Product, layout, iter: 200, composite: true);

    [Theory]
    [InlineData(KeyLayout.Ordered)]
    [InlineData(KeyLayout.Hashed)]
    public void MergesOfAnyEncodingsHoldThePlainMerge(KeyLayout layout) =>
        Gen.Select(Gen.OneOf(TextGen.Distinct(8), TextGen.Distinct(400)), TimeDomains.Product.Staircase, Gen.Int[0, 2].Array[3])
            .SelectMany(p => Gen.Select(Updates(p.Item1.Length, TimeDomains.Product, 700), Updates(p.Item1.Length, TimeDomains.Product, 700),
                (older, newer) => (Vocabulary: p.Item1, Since: p.Item2, Encodings: p.Item3, Older: older, Newer: newer)))
            .Sample(c =>
            {
                var domain = TimeDomains.Product;
                var encodings = c.Encodings.Select(e => (KeyEncoding)e).ToArray();
                var min = domain.Frontier(domain.Bottom);
                var since = domain.Frontier(c.Since);
                TraceBatch<string, int, Product<long, int>, long> Seal(ModelUpdate<int, Product<long, int>>[] updates, KeyEncoding encoding) =>
                    SealStrings(updates, c.Vocabulary, min, new Antichain<Product<long, int>>(), min, layout, encoding);
                var plain = new BatchMerger<string, int, Product<long, int>, long>(
                    Seal(c.Older, KeyEncoding.Plain), Seal(c.Newer, KeyEncoding.Plain), since, KeyEncoding.Plain).Complete();
                var merged = new BatchMerger<string, int, Product<long, int>, long>(
                    Seal(c.Older, encodings[0]), Seal(c.Newer, encodings[1]), since, encodings[2]).Complete();
                Assert.False(plain.Keys.IsEncoded);
                // Auto encodes a batch of enough keys only where the code pays, which these random strings may not.
                var lean = !TraceLayout.Explicit && !merged.IsEmpty;
                if (encodings[2] == KeyEncoding.Always)
                    Assert.Equal(lean, merged.Keys.IsEncoded);
                else if (encodings[2] == KeyEncoding.Plain || merged.KeyCount < KeyWriter<string>.MinimumEncodedKeys)
                    Assert.False(merged.Keys.IsEncoded);
                AssertSameReads([plain], [merged], c.Vocabulary);
            }, iter: 300);

    /// <summary>Random updates whose keys are indices into a vocabulary of <paramref name="keys"/> strings.</summary>
    private static Gen<ModelUpdate<int, TTime>[]> Updates<TTime>(int keys, TimeDomain<TTime> domain, int max) where TTime : notnull =>
        Gen.Select(Gen.Int[0, keys - 1], Vals.Int, domain.Time, Gen.Long[-2, 2], (k, v, t, d) => new ModelUpdate<int, TTime>(k, v, t, d)).Array[0, max];

    private static void Check<TTime>(TimeDomain<TTime> domain, KeyLayout layout, int iter, bool composite = false) where TTime : notnull =>
        Gen.Select(SpineScenario<int, TTime>.Gen(Vals.Int, domain, 80, 10), TextGen.Distinct(7), domain.Staircase.Array[1, 10], Gen.Bool.Array[10], TextGen.String.Array[0, 6])
            .Sample((scenario, vocabulary, steps, encodeInserted, seeks) =>
            {
                // Keys 0..6 of the scenario name strings of the vocabulary (wrapping round when it has fewer).
                var plain = NewSpine<TTime>(scenario.Effort, KeyEncoding.Plain, composite);
                var encoded = NewSpine<TTime>(scenario.Effort, KeyEncoding.Always, composite);
                var inserted = new List<ModelUpdate<int, TTime>>();
                var insertedPlain = new List<TraceBatch<string, int, TTime, long>>();
                var since = domain.Bottom;
                var targets = seeks.Concat(vocabulary).ToArray();
                for (var j = 0; j < scenario.BatchCount; j++)
                {
                    var updates = scenario.UpdatesOf(domain, j).ToArray();
                    inserted.AddRange(updates.Select(u => u with { Key = u.Key % vocabulary.Length }));
                    var upper = scenario.Upper(domain, j);
                    plain.Insert(SealStrings(updates, vocabulary, plain.Upper, upper, plain.Since, layout, KeyEncoding.Plain));
                    // Inserted batches plain or encoded, so merges and cursors meet both.
                    var sealedBatch = SealStrings(updates, vocabulary, encoded.Upper, upper, encoded.Since, layout,
                        encodeInserted[j % encodeInserted.Length] ? KeyEncoding.Always : KeyEncoding.Plain);
                    if (!sealedBatch.Keys.IsEncoded)
                        insertedPlain.Add(sealedBatch);
                    encoded.Insert(sealedBatch);
                    since = since.Select((h, o) => Math.Max(h, steps[j % steps.Length][o])).ToArray();
                    plain.AdvanceSince(domain.Frontier(since));
                    encoded.AdvanceSince(domain.Frontier(since));
                    foreach (var fuel in scenario.Fuel[j % scenario.Fuel.Length])
                    {
                        plain.Work(fuel);
                        encoded.Work(fuel);
                    }
                    AssertSameReads(plain.Batches, encoded.Batches, targets);
                    TraceModel.AssertSameAccumulations(domain, inserted, Indexed(encoded.Batches, vocabulary), domain.Frontier(since).LessEqual);
                }
                plain.CompactFully();
                encoded.CompactFully();
                var batch = Assert.Single(encoded.Batches);
                Assert.True(batch.KeyCount == 0 || batch.KeyLayout == layout, "the layout kept through merges");
                // Every merge encodes, each part of a composite batch its own keys; a batch left unmerged is as it was inserted.
                foreach (var part in batch.Parts)
                    Assert.Equal(!TraceLayout.Explicit && !part.IsEmpty && !insertedPlain.Any(p => p.Keys.Shares(part.Keys)), part.Keys.IsEncoded);
                AssertSameReads(plain.Batches, encoded.Batches, targets);
                TraceModel.AssertSameAccumulations(domain, inserted, Indexed(encoded.Batches, vocabulary), encoded.Since.LessEqual);
            }, iter: iter);

    private static Spine<string, int, TTime, long> NewSpine<TTime>(int effort, KeyEncoding encoding, bool composite) where TTime : notnull => effort switch
    {
        2 => new Spine<string, int, TTime, long>(Spine<string, int, TTime, long>.FuelPerUpdate, Spine<string, int, TTime, long>.MinimumFuel, encoding, composite || TraceLayout.Composite),
        1 => new Spine<string, int, TTime, long>(1, 0, encoding, composite || TraceLayout.Composite),
        _ => new Spine<string, int, TTime, long>(0, 0, encoding, composite || TraceLayout.Composite),
    };

    private static TraceBatch<string, int, TTime, long> SealStrings<TTime>(
        IEnumerable<ModelUpdate<int, TTime>> updates, string[] vocabulary, Antichain<TTime> lower, Antichain<TTime> upper, Antichain<TTime> since,
        KeyLayout layout, KeyEncoding encoding)
        where TTime : notnull
    {
        var builder = new TraceBatchBuilder<string, int, TTime, long>(layout);
        foreach (var u in updates)
            builder.Push(vocabulary[u.Key % vocabulary.Length], u.Val, u.Time, u.Diff);
        return builder.Seal(new Description<TTime>(lower, upper, since), encoding);
    }

    /// <summary>Every update of the batches with its key as its index in the vocabulary.</summary>
    private static List<ModelUpdate<int, TTime>> Indexed<TTime>(IEnumerable<TraceBatch<string, int, TTime, long>> batches, string[] vocabulary) where TTime : notnull
    {
        var result = new List<ModelUpdate<int, TTime>>();
        foreach (var (key, val, time, diff) in Flatten(batches))
            result.Add(new(Array.IndexOf(vocabulary, key), val, time, diff));
        return result;
    }

    /// <summary>Every update of the batches, in order.</summary>
    private static List<(string Key, int Val, TTime Time, long Diff)> Flatten<TTime>(IEnumerable<TraceBatch<string, int, TTime, long>> batches) where TTime : notnull
    {
        var updates = new List<(string, int, TTime, long)>();
        foreach (var batch in batches.SelectMany(b => b.Parts))
            for (var k = 0; k < batch.KeyCount; k++)
            {
                var key = batch.Keys[k];
                for (var v = batch.KeyOffsets[k]; v < batch.KeyOffsets[k + 1]; v++)
                    for (var u = batch.ValOffsets[v]; u < batch.ValOffsets[v + 1]; u++)
                        updates.Add((key, batch.Vals[v], batch.Times[u], batch.Diffs[u]));
            }
        return updates;
    }

    /// <summary>The two lists of batches hold the same updates batch by batch and read the same through every reader.</summary>
    private static void AssertSameReads<TTime>(
        IReadOnlyList<TraceBatch<string, int, TTime, long>> plain, IReadOnlyList<TraceBatch<string, int, TTime, long>> encoded, string[] targets)
        where TTime : notnull
    {
        Assert.Equal(plain.Count, encoded.Count);
        for (var b = 0; b < plain.Count; b++)
        {
            Assert.Equal(Flatten([plain[b]]), Flatten([encoded[b]]));
            Assert.Equal(plain[b].KeyLayout, encoded[b].KeyLayout);
            var keys = encoded[b].Keys;
            for (var k = 1; k < keys.Length; k++)
                Assert.True((encoded[b].KeyLayout == KeyLayout.Hashed ? keys.Compare(k - 1, keys.Hash(k - 1), keys, k, keys.Hash(k)) : keys.Compare(k - 1, keys, k)) < 0,
                    "keys in the layout's order and distinct");
            for (var k = 0; k < keys.Length; k++)
                Assert.Equal(HashOrder<string>.Hash(keys[k]), keys.Hash(k));
            foreach (var target in targets)
                Assert.Equal(plain[b].FindKey(target), encoded[b].FindKey(target));
        }
        var (plainWalk, encodedWalk) = (Walk(new TraceCursor<string, int, TTime, long>(plain)), Walk(new TraceCursor<string, int, TTime, long>(encoded)));
        Assert.Equal(plainWalk, encodedWalk);

        var sorted = targets.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var (plainCursor, encodedCursor) = (new TraceCursor<string, int, TTime, long>(plain), new TraceCursor<string, int, TTime, long>(encoded));
        var (plainReader, encodedReader) = (new TraceKeyReader<string, int, TTime, long>(plain), new TraceKeyReader<string, int, TTime, long>(encoded));
        var (plainRead, encodedRead) = (new List<(int, TTime, long)>(), new List<(int, TTime, long)>());
        foreach (var target in sorted)
        {
            plainCursor.SeekKey(target);
            encodedCursor.SeekKey(target);
            Assert.Equal(plainCursor.KeyValid, encodedCursor.KeyValid);
            if (plainCursor.KeyValid)
                Assert.Equal(plainCursor.Key, encodedCursor.Key);
            plainRead.Clear();
            encodedRead.Clear();
            Assert.Equal(plainReader.Read(target, plainRead), encodedReader.Read(target, encodedRead));
            Assert.Equal(plainRead, encodedRead);
        }
        // ReadKey in the targets' given order, which goes back as well as forward.
        foreach (var target in targets)
        {
            plainRead.Clear();
            encodedRead.Clear();
            Assert.Equal(plainCursor.ReadKey(target, plainRead), encodedCursor.ReadKey(target, encodedRead));
            Assert.Equal(plainRead, encodedRead);
        }
    }

    private struct Collect<TTime>(List<(string, int, TTime, long)> into, string key, int val) : ITimeDiffVisitor<TTime, long>
    {
        public readonly void Visit(TTime time, long diff) => into.Add((key, val, time, diff));
    }

    /// <summary>What a full walk of the cursor visits, in order.</summary>
    private static List<(string, int, TTime, long)> Walk<TTime>(TraceCursor<string, int, TTime, long> cursor) where TTime : notnull
    {
        var walked = new List<(string, int, TTime, long)>();
        for (; cursor.KeyValid; cursor.StepKey())
            for (; cursor.ValValid; cursor.StepVal())
            {
                var visitor = new Collect<TTime>(walked, cursor.Key, cursor.Val);
                cursor.ForEachTime(ref visitor);
            }
        return walked;
    }
}
