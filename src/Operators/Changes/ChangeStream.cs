using System.Threading.Channels;
using AkkaDifferential.Operators.Dataflows;
using AkkaDifferential.Operators.Recovery;
using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential;

/// <summary>
/// A collection's output as a .NET stream: one <see cref="TimeChanges{TData, TTime, TDiff}"/> per closed time at
/// which the collection changed, in an order that extends the times' partial order (for <c>long</c> times:
/// increasing). Read it with <c>await foreach</c>; the enumeration ends when the collection's frontier is empty
/// (every input closed) or the dataflow is disposed, and throws the dataflow's
/// <see cref="DataflowFailedException"/> after the elements closed before a failure. Created by
/// <c>collection.Changes()</c>; the Akka.Streams <c>Source</c> of <c>AkkaDifferential.Streams</c> reads it too.
/// </summary>
/// <remarks>
/// <para>One reader: a stream is enumerated once (create another with <c>Changes()</c> for a second reader). Elements
/// wait in the stream until read; <see cref="Pending"/> says how many. Thread-safe.</para>
/// <para>A <see cref="Resumable"/> stream of a dataflow deployed by name with the driver's journal on
/// (<c>AkkaDifferential.Journal</c>, docs/journal.md) journals the times its reader acknowledges
/// (<see cref="AcknowledgeAsync"/>). On a driver that restarts and deploys the dataflow again, the stream resumes
/// after the last time acknowledged: it gives no element at or before it, and the elements after it are exactly the
/// changes since then. Until the reader acknowledges a time the input sessions retain (and journal) the input's
/// history since the last acknowledged time; a reader that never acknowledges holds that at the beginning.</para>
/// </remarks>
public sealed class ChangeStream<TData, TTime, TDiff> : IAsyncEnumerable<TimeChanges<TData, TTime, TDiff>>, IResumableOutput
    where TData : notnull where TTime : notnull
{
    private readonly Channel<TimeChanges<TData, TTime, TDiff>> channel =
        Channel.CreateUnbounded<TimeChanges<TData, TTime, TDiff>>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly DataflowState state;
    private readonly SemaphoreSlim acknowledging = new(1, 1);
    private readonly object gate = new();
    private int enumerated;
    // The frontier of the times published so far.
    private volatile Antichain<TTime> published = Antichain<TTime>.From(Timestamp.Minimum<TTime>());
    // With the journal on: the log of acknowledgments, the hold's slot, the last time acknowledged (if any) and the
    // time recovered from an earlier driver, at or before which nothing is published.
    private IAcknowledgementLog<TTime>? log;
    private int hold;
    private (bool Found, TTime Time) acknowledged;
    private (bool Found, TTime Time) resumedAfter;

    internal ChangeStream(DataflowState state, bool accumulates, bool resumable)
    {
        this.state = state;
        Accumulates = accumulates;
        Resumable = resumable;
        state.Completion.ContinueWith(
            t => channel.Writer.TryComplete(t.Exception?.InnerException),
            TaskScheduler.Default);
    }

    /// <summary>True when the stream resumes after a restart of the driver from the last time its reader acknowledged (with the driver's journal on).</summary>
    public bool Resumable { get; }

    /// <summary>
    /// The last time the reader acknowledged: on a driver that restarted, at first the one recovered from the journal,
    /// after which the stream resumed. False when none was acknowledged.
    /// </summary>
    public bool TryGetAcknowledged(out TTime time)
    {
        bool found;
        lock (gate)
            (found, time) = acknowledged;
        return found;
    }

    /// <summary>The operator's index in the dataflow: with its name, the stream's log in the journal.</summary>
    internal int Index { get; set; }

    /// <summary>True when each element carries the collection's contents at its time, not only the changes.</summary>
    public bool Accumulates { get; }

    /// <summary>The change stream operator's name, for errors.</summary>
    internal string Operator { get; set; } = "Changes";

    /// <summary>How many closed times wait to be read.</summary>
    public int Pending => channel.Reader.Count;

    /// <summary>
    /// Reads the stream: every closed time's changes, in order, as they close.
    /// </summary>
    /// <param name="cancellation">Ends the enumeration with <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="InvalidOperationException">The stream is already being read, or has been.</exception>
    public IAsyncEnumerator<TimeChanges<TData, TTime, TDiff>> GetAsyncEnumerator(CancellationToken cancellation = default)
    {
        if (Interlocked.Exchange(ref enumerated, 1) != 0)
            throw new InvalidOperationException(
                $"Change stream '{Operator}' is read already: it has one reader. Call Changes() once more on the collection for another.");
        return channel.Reader.ReadAllAsync(cancellation).GetAsyncEnumerator(cancellation);
    }

    /// <summary>
    /// Records that the reader has processed every element at a time up to and including <paramref name="time"/>, a
    /// time the stream has closed, and completes once the journal holds it. A driver that restarts resumes the stream
    /// after the last time acknowledged. Acknowledging lets the input sessions compact what they retain up to it.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The stream is not <see cref="Resumable"/>, or its dataflow has no journal (the journal is off, or the dataflow
    /// was built rather than deployed by name).
    /// </exception>
    /// <exception cref="ArgumentException"><paramref name="time"/> is not closed yet, or is before a time acknowledged already.</exception>
    /// <exception cref="TimeoutException">The journal did not confirm the write within its <c>write-timeout</c>.</exception>
    public async Task AcknowledgeAsync(TTime time)
    {
        if (!Resumable)
            throw new InvalidOperationException($"Change stream '{Operator}' is not resumable: create it with Changes(resumable: true) to acknowledge times.");
        if (log is null)
            throw new InvalidOperationException(
                $"Change stream '{Operator}' of dataflow '{state.Name}' has no journal to keep what it acknowledges: the driver's journal is off (DifferentialJournal.Create), or the dataflow was built rather than deployed by name.");
        if (published.LessEqual(time))
            throw new ArgumentException($"Change stream '{Operator}' cannot acknowledge time {time}: it is not closed yet (the stream has closed the times before {published}).", nameof(time));
        await acknowledging.WaitAsync().ConfigureAwait(false);
        try
        {
            if (acknowledged.Found && !Lattice.LessEqual(acknowledged.Time, time))
                throw new ArgumentException($"Change stream '{Operator}' cannot acknowledge time {time}: it is before {acknowledged.Time}, acknowledged already.", nameof(time));
            await log.AppendAsync(time).ConfigureAwait(false);
            lock (gate)
                acknowledged = (true, time);
            state.Acknowledged.Move(hold, FlatTime.From(time));
        }
        finally
        {
            acknowledging.Release();
        }
    }

    async Task IResumableOutput.OpenJournalAsync(IDataflowJournal journal)
    {
        if (!Resumable)
            return;
        log = await journal.OpenAcknowledgementsAsync<TTime>(Index, Operator).ConfigureAwait(false);
        acknowledged = resumedAfter = log.Recovered;
        hold = state.Acknowledged.Add(FlatTime.From(resumedAfter.Found ? resumedAfter.Time : Timestamp.Minimum<TTime>()));
    }

    /// <summary>Publishes the times closed by the step to <paramref name="frontier"/>, except those at or before the time a restarted stream resumes after.</summary>
    internal void Publish(List<TimeChanges<TData, TTime, TDiff>> closed, Antichain<TTime> frontier)
    {
        // Before the elements are written: a reader may acknowledge an element's time as soon as it reads it.
        published = frontier;
        foreach (var element in closed)
            if (!resumedAfter.Found || !Lattice.LessEqual(element.Time, resumedAfter.Time))
                channel.Writer.TryWrite(element);
    }

    /// <summary>Ends the stream: the collection's frontier is empty.</summary>
    internal void Complete() => channel.Writer.TryComplete();

    /// <summary>Fails the stream: its actor could not close a time (a difference overflowed).</summary>
    internal void Fail(Exception cause) => channel.Writer.TryComplete(cause);
}
