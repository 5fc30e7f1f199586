using System.Threading.Channels;
using AkkaDifferential.Operators.Dataflows;

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
/// One reader: a stream is enumerated once (create another with <c>Changes()</c> for a second reader). Elements
/// wait in the stream until read; <see cref="Pending"/> says how many. Thread-safe.
/// </remarks>
public sealed class ChangeStream<TData, TTime, TDiff> : IAsyncEnumerable<TimeChanges<TData, TTime, TDiff>>
    where TData : notnull where TTime : notnull
{
    private readonly Channel<TimeChanges<TData, TTime, TDiff>> channel =
        Channel.CreateUnbounded<TimeChanges<TData, TTime, TDiff>>(new UnboundedChannelOptions { SingleWriter = true });
    private int enumerated;

    internal ChangeStream(DataflowState state, bool accumulates)
    {
        Accumulates = accumulates;
        state.Completion.ContinueWith(
            t => channel.Writer.TryComplete(t.Exception?.InnerException),
            TaskScheduler.Default);
    }

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

    internal void Publish(List<TimeChanges<TData, TTime, TDiff>> closed)
    {
        foreach (var element in closed)
            channel.Writer.TryWrite(element);
    }

    /// <summary>Ends the stream: the collection's frontier is empty.</summary>
    internal void Complete() => channel.Writer.TryComplete();

    /// <summary>Fails the stream: its actor could not close a time (a difference overflowed).</summary>
    internal void Fail(Exception cause) => channel.Writer.TryComplete(cause);
}
