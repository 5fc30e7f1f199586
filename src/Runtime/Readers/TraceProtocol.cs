using Akka.Actor;
using Akka.Event;
using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Arrangements.Updates;
using AkkaDifferential.Runtime.Wire;

namespace AkkaDifferential.Runtime.Readers;

/// <summary>
/// What an arrangement actor and the readers of its trace say to each other. Readers are operators of the same
/// dataflow at the same bucket (join, reduce), instances of other dataflows that import the trace, and user
/// handles. Readers that receive batches live on the arrangement's node, so batches travel by reference, never
/// copied: <see cref="Advanced{TKey, TVal, TTime, TDiff}"/> and <see cref="Subscribe{TTime}"/> are
/// <see cref="ILocalOnly"/>. The control of a reader handle (<see cref="IReaderControl"/>: hold, compaction, release,
/// status) may come from a driver on another node. Messages that may reach a stopped reader or arrangement are
/// <see cref="IDeadLetterSuppression"/>: an orderly stop logs no dead letters. Requests that are asked,
/// <see cref="Hold"/> and <see cref="GetStatus"/>, and their answers are too, since their caller fails all the same:
/// at once, naming the dataflow, when it had stopped before the call, or by the ask's timeout when it stops during it.
/// </summary>
internal static class TraceProtocol
{
    /// <summary>
    /// The trace advanced: <paramref name="Batch"/> holds the updates newly sealed (it may be empty),
    /// <paramref name="Trace"/> is a snapshot of the whole trace through that batch (a cursor's batches), and
    /// <paramref name="Upper"/> is the trace's new upper frontier. Within a dataflow it is the arrangement's output,
    /// accounted in progress at the batch's minimal times.
    /// </summary>
    public sealed record Advanced<TKey, TVal, TTime, TDiff>(
        TraceBatch<TKey, TVal, TTime, TDiff> Batch,
        IReadOnlyList<TraceBatch<TKey, TVal, TTime, TDiff>> Trace,
        Antichain<TTime> Upper) : ITimedBatch<TTime>, ILocalOnly, IDeadLetterSuppression
        where TTime : notnull
    {
        private readonly IReadOnlyList<TTime> minimalTimes = Batch.MinimalTimes().Elements;

        /// <inheritdoc/>
        public int Count => Batch.UpdateCount;

        /// <summary>The batch's minimal times: the times at which progress tracking counts this message.</summary>
        public IReadOnlyList<TTime> MinimalTimes => minimalTimes;
    }

    /// <summary>
    /// Has a reader held with <see cref="Hold"/> (or a new one) read the trace from outside the dataflow (an importing
    /// dataflow's instance). Its compaction frontier becomes <paramref name="Since"/>, the frontier its handle holds
    /// (which the handle's own messages may not have brought yet). The arrangement answers with an
    /// <see cref="Advanced{TKey, TVal, TTime, TDiff}"/> holding an empty batch and the current trace, then sends every
    /// later advance. The arrangement watches <paramref name="Reader"/> and releases the reader when it stops.
    /// </summary>
    public sealed record Subscribe<TTime>(string ReaderId, IActorRef Reader, Antichain<TTime> Since) : ILocalOnly, IDeadLetterSuppression
        where TTime : notnull;

    /// <summary>
    /// Registers a reader that holds history back from the trace's current compaction frontier on (a user's trace
    /// handle); answered with <see cref="Held{TTime}"/>.
    /// </summary>
    public sealed record Hold(string ReaderId) : IReaderControl, IDeadLetterSuppression;

    /// <summary>The answer to <see cref="Hold"/>: the reader holds the trace's history in advance of <paramref name="Since"/>.</summary>
    public sealed record Held<TTime>(string ReaderId, Antichain<TTime> Since) : IReaderControl, IDeadLetterSuppression where TTime : notnull;

    /// <summary>Lets the trace be compacted, for this reader, up to <paramref name="Frontier"/>.</summary>
    public sealed record AllowCompaction<TTime>(string ReaderId, Antichain<TTime> Frontier) : IReaderControl, IDeadLetterSuppression where TTime : notnull;

    /// <summary>The reader no longer reads the trace.</summary>
    public sealed record Release(string ReaderId) : IReaderControl, IDeadLetterSuppression;

    /// <summary>Asks for the trace's state; answered with a <see cref="StatusReport{TTime}"/>.</summary>
    public sealed record GetStatus : IReaderControl, IDeadLetterSuppression
    {
        /// <summary>The one instance.</summary>
        public static GetStatus Instance { get; } = new();
    }

    /// <summary>A reader's request was refused (for example a released reader used again); the message says why.</summary>
    public sealed record Refused(string ReaderId, string Reason) : IReaderControl, IDeadLetterSuppression;

    /// <summary>The answer to <see cref="GetStatus"/>: the trace's state at the arrangement's bucket.</summary>
    public sealed record StatusReport<TTime>(TraceStatus<TTime> Report) : IReaderControl, IDeadLetterSuppression where TTime : notnull;

    /// <summary>
    /// A message that controls a reader handle or answers it: it may cross nodes (a handle on the driver, the
    /// arrangement on a member), and the cluster's wire binds one serializer to all of them.
    /// </summary>
    public interface IReaderControl;
}
