using AkkaDifferential.Arrangements.Updates;
using AkkaDifferential.Operators.Builder;
using AkkaDifferential.Operators.Exchange;
using AkkaDifferential.Progress.Graph;

namespace AkkaDifferential.Operators.Runtime;

/// <summary>An output that can send what it buffered.</summary>
internal interface IFlushable<TTime> where TTime : notnull
{
    /// <summary>Sends the buffered updates to every consumer and accounts for each message in progress.</summary>
    void Flush(IBatchSender<TTime> sender);
}

/// <summary>
/// An output port of an operator instance (or input session): updates given during an activation are buffered
/// and, at its end, sent to every consumer of the port as one batch per destination bucket. An operator's port
/// (one made with its <paramref name="sender"/>) also sends every <see cref="ChunkSize"/> updates as they are
/// given, so that an activation with a large output (a join's first matches, a reduction's first evaluation) holds
/// a bounded buffer and its consumers start on it while it goes on. Progress is unaffected: the messages are counted
/// in the activation's progress batch, sent at its end as always, each at the times the sender gives
/// (<see cref="IBatchSender{TTime}.CountAt"/>). Each batch sent counts once in the operator's
/// <see cref="IBatchSender{TTime}.Counters"/>, whatever the number of its consumers. An input session's port of a
/// dataflow that recovers hands each batch it sends to <paramref name="retain"/>.
/// </summary>
internal sealed class OutputPort<TData, TTime, TDiff>(OutputSpec<TData> spec, int buckets, IBatchSender<TTime>? sender = null, Action<UpdateBatch<TData, TTime, TDiff>>? retain = null) : IFlushable<TTime>
    where TTime : notnull
{
    /// <summary>The number of buffered updates at which an operator's port sends them without waiting for the activation's end.</summary>
    public const int ChunkSize = 1 << 16;

    // No buffer until the port is given an update: an idle instance holds none.
    private readonly UpdateBuilder<TData, TTime, TDiff> builder = new(capacity: 0);
    private readonly List<UpdateBatch<TData, TTime, TDiff>> pending = [];
    private readonly Partitioner<TData, TTime, TDiff> partitioner = new(buckets);

    /// <summary>The number of updates given since the last flush and not yet sealed into a batch.</summary>
    public int Buffered => builder.Count;

    /// <summary>Gives one update.</summary>
    public void Give(TData data, TTime time, TDiff diff)
    {
        builder.Add(data, time, diff);
        if (sender is not null && builder.Count >= ChunkSize)
            Flush(sender);
    }

    /// <summary>Gives a whole batch; it is forwarded as it is, without copying.</summary>
    public void GiveBatch(UpdateBatch<TData, TTime, TDiff> batch)
    {
        if (batch.Count == 0)
            return;
        Seal();
        pending.Add(batch);
    }

    /// <inheritdoc/>
    public void Flush(IBatchSender<TTime> sender)
    {
        Seal();
        foreach (var batch in pending)
        {
            retain?.Invoke(batch);
            sender.Counters.Sent(batch.Count);
            foreach (var consumer in spec.Consumers)
                Send(batch, consumer, sender);
        }
        pending.Clear();
    }

    private void Seal()
    {
        if (builder.Count > 0)
            pending.Add(builder.Build());
    }

    private void Send(UpdateBatch<TData, TTime, TDiff> batch, Consumer<TData> consumer, IBatchSender<TTime> sender)
    {
        List<(int Bucket, UpdateBatch<TData, TTime, TDiff> Batch)> parts;
        switch (consumer.Pact)
        {
            case Pact<TData>.ProgressOnlyPact:
                return;
            case Pact<TData>.ExchangePact exchange:
                parts = partitioner.ByHash(batch, exchange.Hash);
                break;
            default:
                // A fused consumer at this bucket runs now, within this activation: no message, no pointstamp at its input.
                if (sender.Bucket >= 0 && consumer.Node.Fusable && sender.TryRunFused(consumer.Node, consumer.Port, batch))
                    return;
                parts = sender.Bucket >= 0 ? [(sender.Bucket, batch)] : partitioner.Evenly(batch);
                break;
        }
        var target = Location.Target(consumer.Operator, consumer.Port);
        foreach (var (bucket, part) in parts)
        {
            var times = sender.CountAt(part.MinimalTimes, out var flat);
            sender.Send(bucket, new RuntimeProtocol.Deliver(consumer.Operator, consumer.Port, part, flat));
            foreach (var time in times)
                sender.Progress.Update(target, time, +1);
        }
    }
}
