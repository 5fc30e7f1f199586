using AkkaDifferential.Operators.Builder;
using AkkaDifferential.Operators.Metrics;
using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Operators.Runtime;

/// <summary>
/// Something that sends batches to operator instances and accounts for them in progress: an operator instance,
/// or an input session on the driver.
/// </summary>
internal interface IBatchSender<TTime> where TTime : notnull
{
    /// <summary>The sender's own bucket, or -1 for an input session, which belongs to none.</summary>
    int Bucket { get; }

    /// <summary>The number of buckets of the dataflow.</summary>
    int Buckets { get; }

    /// <summary>The pointstamp changes of the current activation, sent to the frontier actor at its end.</summary>
    ProgressBatcher<TTime> Progress { get; }

    /// <summary>The counters of the sender's operator, which count each batch its outputs send.</summary>
    OperatorCounters Counters { get; }

    /// <summary>
    /// The times to count a message at whose updates have <paramref name="minimal"/> as their minimal times: the
    /// times of what the sender is processing or releasing, where they cover it (<see cref="MessageTimes"/>), else
    /// <paramref name="minimal"/>. <paramref name="flat"/> is their flattened form for the message, or null for
    /// <paramref name="minimal"/> itself (the receiver takes the batch's own).
    /// </summary>
    IReadOnlyList<TTime> CountAt(IReadOnlyList<TTime> minimal, out IReadOnlyList<FlatTime>? flat);

    /// <summary>Sends a batch to the bucket <paramref name="bucket"/>.</summary>
    void Send(int bucket, RuntimeProtocol.IDelivery message);

    /// <summary>
    /// Runs <paramref name="batch"/> through the instance of <paramref name="consumer"/> (a fusable operator) at this
    /// bucket within the current activation, instead of sending it; false when it must be sent (an input session,
    /// or a consumer of another time type).
    /// </summary>
    bool TryRunFused(OperatorNode consumer, int port, object batch);
}
