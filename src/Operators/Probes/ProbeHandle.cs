using AkkaDifferential.Operators.Dataflows;
using AkkaDifferential.Operators.Probes;

namespace AkkaDifferential;

/// <summary>
/// Observes the frontier of a collection: the times at which its contents may still change. When the frontier
/// has passed a time, every update of the collection at that time (and before) has been produced, so results for
/// that time are final; and every other consumer of the same collection has received them: an <c>Inspect</c> has
/// called its action on them and a <c>Capture</c> holds them in its handle (<c>Updates</c>). Thread-safe.
/// </summary>
public sealed class ProbeHandle<TTime> where TTime : notnull
{
    internal ProbeHandle(DataflowState state) => Monitor = new FrontierMonitor<TTime>(state);

    internal FrontierMonitor<TTime> Monitor { get; }

    /// <summary>A copy of the current frontier.</summary>
    public Antichain<TTime> Frontier => Monitor.Frontier;

    /// <summary>True when the frontier has an element strictly less than <paramref name="time"/>: times before it may still change.</summary>
    public bool LessThan(TTime time) => Monitor.Frontier.LessThan(time);

    /// <summary>True when the frontier has an element ≤ <paramref name="time"/>: the collection at <paramref name="time"/> may still change.</summary>
    public bool LessEqual(TTime time) => Monitor.Frontier.LessEqual(time);

    /// <summary>True when the frontier is empty: all inputs are closed and everything has been processed.</summary>
    public bool Done => Monitor.Frontier.IsEmpty;

    /// <summary>
    /// Completes when the frontier has passed <paramref name="time"/> (no element ≤ it). Faults if the dataflow fails
    /// or is disposed first.
    /// </summary>
    public Task WhenPassed(TTime time, CancellationToken cancellation = default) => Monitor.WhenPassed(time, cancellation);

    /// <summary>Completes when the frontier is empty.</summary>
    public Task WhenDone(CancellationToken cancellation = default) => Monitor.WhenEmpty(cancellation);
}
