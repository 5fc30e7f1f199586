namespace AkkaDifferential;

/// <summary>
/// Moving updates to later times, as differential dataflow's <c>delay</c>: for example, rounding times up to the
/// end of a window, so that the updates of a window are processed together, at one time, downstream.
/// </summary>
public static class DelayExtensions
{
    /// <summary>
    /// Moves every update <c>(data, t, diff)</c> to <c>(data, delay(t), diff)</c>: the collection at a time <c>s</c>
    /// becomes the sum of the updates whose delayed time is ≤ <c>s</c>. A time may only move forward
    /// (<c>t ≤ delay(t)</c>); a time moved backward fails the dataflow with an error naming the operator and both
    /// times. Like a map over times, it holds nothing back and needs no capability: its output times are at or after
    /// the times of the input it is processing.
    /// </summary>
    /// <param name="collection">The collection whose updates move.</param>
    /// <param name="delay">The time each update moves to, at or after its own.</param>
    /// <param name="name">The operator's name in errors; by default <c>Delay#</c> and its index.</param>
    /// <example><c>var hourly = events.Delay(t => (t / 3600 + 1) * 3600);   // each update at the end of its hour</c></example>
    public static Collection<TData, TTime, TDiff> Delay<TData, TTime, TDiff>(
        this Collection<TData, TTime, TDiff> collection,
        Func<TTime, TTime> delay,
        string? name = null)
        where TData : notnull where TTime : notnull =>
        collection.Unary<TData, TDiff>("Delay", name, (batch, output) =>
        {
            var data = batch.Data;
            var times = batch.Times;
            var diffs = batch.Diffs;
            for (var i = 0; i < batch.Count; i++)
            {
                var later = delay(times[i]);
                if (!Lattice.LessEqual(times[i], later))
                    throw new InvalidOperationException($"The delay function moved time {times[i]} back to {later}: a delay may only move times forward (to a time ≥ its own).");
                output.Give(data[i], later, diffs[i]);
            }
        });
}
