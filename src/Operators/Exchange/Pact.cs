namespace AkkaDifferential.Operators.Exchange;

/// <summary>
/// A parallelization contract: how the records an output sends to one consumer are spread over the consumer's
/// buckets. Linear operators keep records in the bucket that produced them; operators that group by key need
/// every record of a key in one bucket, so their inputs are exchanged by a stable hash of the key.
/// </summary>
internal abstract class Pact<TData>
{
    /// <summary>Records stay in the producer's bucket (an input session, which belongs to no bucket, spreads them evenly).</summary>
    public static Pact<TData> Pipeline { get; } = new PipelinePact();

    /// <summary>Records go to the bucket their stable hash selects.</summary>
    public static Pact<TData> Exchange(Func<TData, ulong> hash) => new ExchangePact(hash);

    /// <summary>No records are sent: the consumer only observes the progress of the stream (a probe).</summary>
    public static Pact<TData> ProgressOnly { get; } = new ProgressOnlyPact();

    internal sealed class PipelinePact : Pact<TData>;

    internal sealed class ExchangePact(Func<TData, ulong> hash) : Pact<TData>
    {
        public Func<TData, ulong> Hash { get; } = hash;
    }

    internal sealed class ProgressOnlyPact : Pact<TData>;
}
