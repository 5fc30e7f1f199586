using AkkaDifferential.Operators.Builder;
using AkkaDifferential.Operators.Runtime;
using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Runtime.Readers;

namespace AkkaDifferential.Operators.Arrange;

/// <summary>
/// The output of an arrangement instance to the operators of its dataflow that read it (all at the same bucket):
/// each trace advance with a non-empty batch is delivered to every reader, counted in progress at the times the
/// arrangement gives (the capabilities it releases with the seal, <see cref="IBatchSender{TTime}.CountAt"/>).
/// </summary>
internal sealed class ArrangedOutput<TKey, TVal, TTime, TDiff>(OutputSpec<TraceProtocol.Advanced<TKey, TVal, TTime, TDiff>> spec)
    where TTime : notnull
{
    /// <summary>The readers of the arrangement within its dataflow: (operator, input port).</summary>
    public IEnumerable<(int Operator, int Port)> Readers => spec.Consumers.Select(c => (c.Operator, c.Port));

    /// <summary>Delivers <paramref name="advanced"/> to every reader at the sender's bucket and accounts for it.</summary>
    public void Send(TraceProtocol.Advanced<TKey, TVal, TTime, TDiff> advanced, IBatchSender<TTime> sender)
    {
        sender.Counters.Sent(advanced.Count);
        foreach (var consumer in spec.Consumers)
        {
            // A fusable reader (a count over totally ordered times) runs now, within the arrangement's activation.
            if (consumer.Node.Fusable && sender.TryRunFused(consumer.Node, consumer.Port, advanced))
                continue;
            var times = sender.CountAt(advanced.MinimalTimes, out var flat);
            sender.Send(sender.Bucket, new RuntimeProtocol.DeliverAdvance(consumer.Operator, consumer.Port, advanced, flat));
            foreach (var time in times)
                sender.Progress.Update(Location.Target(consumer.Operator, consumer.Port), time, +1);
        }
    }

    /// <summary>The reader id of input <paramref name="port"/> of operator <paramref name="op"/>.</summary>
    public static string ReaderId(int op, int port) => $"operator-{op}:{port}";
}
