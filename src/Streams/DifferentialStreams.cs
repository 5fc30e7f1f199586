using Akka;
using Akka.Streams.Dsl;
using AkkaDifferential.Streams;

namespace AkkaDifferential;

/// <summary>
/// Akka.Streams for dataflows: <see cref="ToSink{TData, TTime, TDiff}"/> feeds an input collection from a stream of
/// updates, with back-pressure that follows what the dataflow has absorbed; <see cref="ToSource{TData, TTime, TDiff}"/>
/// is a stream of a collection's output, one element per closed time.
/// </summary>
public static class DifferentialStreams
{
    /// <summary>
    /// A sink that feeds <paramref name="input"/>. Time advances from the elements: an element at a later time than
    /// the session's moves the session there (closing the earlier times, so their results can complete), and an
    /// element before the session's time fails the stream. Demand follows absorption: the sink pulls while fewer
    /// than <paramref name="maxInFlight"/> of its updates are at times <paramref name="absorbed"/> has not passed
    /// (a probe of the dataflow's output, or of what must keep up); the updates of the open time count too, but are
    /// let through when they alone reach the bound, since the dataflow can finish a time only once it has closed.
    /// </summary>
    /// <remarks>
    /// The materialized task completes when the stream has completed and the input is closed (its last updates
    /// sent; results of every time complete once the dataflow has processed them). When the upstream fails, the
    /// input fails with that cause (<see cref="InputSession{TData, TTime, TDiff}.Fail"/>): accepted updates are kept,
    /// the open time stays open, and the task faults with the cause. When the dataflow stops or fails first, the
    /// stream fails with the error the session gives, which names the input and the dataflow.
    /// </remarks>
    /// <param name="input">The input session to feed; the sink is its only writer while the stream runs.</param>
    /// <param name="absorbed">The frontier that tells when the dataflow has absorbed a time.</param>
    /// <param name="maxInFlight">The most updates sent and not yet absorbed (at least 1).</param>
    public static Sink<Update<TData, TTime, TDiff>, Task> ToSink<TData, TTime, TDiff>(
        this InputSession<TData, TTime, TDiff> input, ProbeHandle<TTime> absorbed, int maxInFlight = 10_000)
        where TTime : notnull
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(absorbed);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        return Sink.FromGraph(new InputSink<TData, TTime, TDiff>(input, absorbed, maxInFlight));
    }

    /// <summary>
    /// A source of <paramref name="changes"/>: one element per closed time at which the collection changed, with its
    /// consolidated changes (and its contents, if the change stream accumulates). It pulls from the change stream
    /// as downstream demands; closed times wait in the change stream meanwhile. It completes when the collection's
    /// frontier is empty or the dataflow is disposed, and fails with the dataflow's failure. A change stream has one
    /// reader: materialize the source once.
    /// </summary>
    public static Source<TimeChanges<TData, TTime, TDiff>, NotUsed> ToSource<TData, TTime, TDiff>(this ChangeStream<TData, TTime, TDiff> changes)
        where TData : notnull where TTime : notnull
    {
        ArgumentNullException.ThrowIfNull(changes);
        return Source.From(() => changes);
    }
}
