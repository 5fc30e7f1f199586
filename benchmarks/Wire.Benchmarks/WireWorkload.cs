using AkkaDifferential.Arrangements.Updates;
using AkkaDifferential.Operators.Runtime;

namespace AkkaDifferential.Wire.Benchmarks;

/// <summary>A data batch as an exchange sends it between buckets, by name.</summary>
internal sealed record WireWorkload(string Name, RuntimeProtocol.Deliver Message)
{
    /// <summary>The updates in the batch.</summary>
    public int Updates => Message.Batch.Count;

    /// <summary>
    /// The workloads, each one batch of <paramref name="updates"/> updates: pairs of longs and <c>(int, int)</c> edges
    /// inserted at one time (the differences all +1, as a round of insertions), pairs of longs at four times with
    /// differences of ±1 (no constant column), string keys from a vocabulary of 10,000 words, and records of a user's
    /// class (through Hyperion, one call for the column, beside the wire's columns of times and differences).
    /// </summary>
    public static IReadOnlyList<WireWorkload> All(int updates)
    {
        var random = new Random(1);
        var ones = Enumerable.Repeat(1L, updates).ToArray();
        var round = Enumerable.Repeat(7L, updates).ToArray();
        var words = Enumerable.Range(0, 10_000).Select(_ => new string([.. Enumerable.Range(0, random.Next(3, 11)).Select(_ => (char)('a' + random.Next(26)))])).ToArray();
        return
        [
            Of("(long, long) pairs, one time, +1", new UpdateBatch<(long, long), long, long>(
                [.. Enumerable.Range(0, updates).Select(_ => (random.NextInt64(1_000_000), random.NextInt64(1_000_000)))], round, ones)),
            Of("(long, long) pairs, 4 times, ±1", new UpdateBatch<(long, long), long, long>(
                [.. Enumerable.Range(0, updates).Select(_ => (random.NextInt64(1_000_000), random.NextInt64(1_000_000)))],
                [.. Enumerable.Range(0, updates).Select(_ => (long)random.Next(4))], [.. Enumerable.Range(0, updates).Select(_ => random.Next(2) == 0 ? 1L : -1L)])),
            Of("(int, int) edges, one time, +1", new UpdateBatch<(int, int), long, long>(
                [.. Enumerable.Range(0, updates).Select(_ => (random.Next(100_000), random.Next(100_000)))], round, ones)),
            Of("string keys, one time, +1", new UpdateBatch<string, long, long>(
                [.. Enumerable.Range(0, updates).Select(_ => words[random.Next(words.Length)])], round, ones)),
            Of("user records (Hyperion column), one time, +1", new UpdateBatch<Purchase, long, long>(
                [.. Enumerable.Range(0, updates).Select(_ => new Purchase(words[random.Next(words.Length)], random.Next(1000)))], round, ones)),
        ];
    }

    /// <summary>A user's record type, which has no column of its own.</summary>
    public sealed record Purchase(string Customer, long Amount);

    private static WireWorkload Of<TData>(string name, UpdateBatch<TData, long, long> batch) => new(name, new RuntimeProtocol.Deliver(3, 0, batch));
}
