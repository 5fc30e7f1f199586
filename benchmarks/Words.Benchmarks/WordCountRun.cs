using System.Diagnostics;
using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Arrangements.Trace.Columns;

namespace AkkaDifferential.Words.Benchmarks;

/// <summary>What one load of the word count's arrangement measured.</summary>
internal sealed record WordCountResult(
    KeyEncoding Encoding, double LoadSeconds, double[] RoundMilliseconds, long DistinctKeys, long Checksum,
    long ColumnBytes, long HeapBytes, long SettledColumnBytes, long SettledKeyBytes, long SettledHeapBytes, int EncodedBatches, int Batches);

/// <summary>
/// The arrangement a word count keeps (keys the words, no values, a time per round) loaded round by round, as
/// <c>Count</c> does: each round's tokens arrive as fresh strings (as a parser makes them), are sealed into a batch
/// (its keys plain, as every sealed batch's are; the spine's merges write them under the encoding measured), then
/// each of the batch's words is looked up in the trace so far (<see cref="TraceKeyReader{TKey, TVal, TTime, TDiff}.Sum"/>:
/// the count before the round), the batch is inserted into the spine and the compaction frontier moves to the round,
/// so merges settle history. Measures each round's time, the whole load's, and the bytes the trace holds: its
/// columns' bytes (<see cref="TraceBatch{TKey, TVal, TTime, TDiff}.ColumnBytes"/>, string objects included) and the
/// heap it keeps alive (the managed heap after a full collection, less what it was before the load), after the load
/// and after compacting it into one batch (then also its key column's bytes alone).
/// </summary>
internal static class WordCountRun
{
    public static WordCountResult Run(EnglishLikeText text, KeyEncoding encoding, int rounds, int tokensPerRound, int seed)
    {
        var random = new Random(seed);
        var vocabulary = text.Vocabulary;
        var before = HeapAfterCollection();
        var spine = new Spine<string, Unit, long, long>(Spine<string, Unit, long, long>.FuelPerUpdate, Spine<string, Unit, long, long>.MinimumFuel, encoding);
        var builder = new TraceBatchBuilder<string, Unit, long, long>(tokensPerRound);
        var roundTimes = new double[rounds];
        long checksum = 0;
        var load = Stopwatch.StartNew();
        for (var round = 0; round < rounds; round++)
        {
            var started = Stopwatch.GetTimestamp();
            for (var n = 0; n < tokensPerRound; n++)
                builder.Push(new string(vocabulary[text.DrawRank(random)].AsSpan()), Unit.Value, round, 1);
            var batch = builder.Seal(new Description<long>(spine.Upper, Antichain<long>.From(round + 1), spine.Since));
            var reader = new TraceKeyReader<string, Unit, long, long>(spine.Batches);
            var keys = batch.Keys;
            for (var k = 0; k < keys.Length; k++)
                checksum += reader.Sum(keys[k]);
            spine.Insert(batch);
            spine.AdvanceSince(Antichain<long>.From(round));
            roundTimes[round] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        var loadSeconds = load.Elapsed.TotalSeconds;
        var (columnBytes, _, encoded, batches) = Bytes(spine);
        var heap = HeapAfterCollection() - before;
        spine.CompactFully();
        var (settledBytes, settledKeyBytes, _, _) = Bytes(spine);
        var settledHeap = HeapAfterCollection() - before;
        var distinct = spine.KeyCount;
        GC.KeepAlive(spine);
        return new WordCountResult(encoding, loadSeconds, roundTimes, distinct, checksum, columnBytes, heap, settledBytes, settledKeyBytes, settledHeap, encoded, batches);
    }

    private static (long Bytes, long KeyBytes, int Encoded, int Batches) Bytes(Spine<string, Unit, long, long> spine)
    {
        long bytes = 0, keyBytes = 0;
        var encoded = 0;
        var batches = spine.Batches;
        foreach (var batch in batches)
        {
            bytes += batch.ColumnBytes;
            keyBytes += batch.Keys.StoredBytes;
            if (batch.Keys.IsEncoded)
                encoded++;
        }
        return (bytes, keyBytes, encoded, batches.Count);
    }

    private static long HeapAfterCollection()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
