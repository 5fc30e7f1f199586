using AkkaDifferential.TestKit;

namespace AkkaDifferential;

/// <summary>
/// Assertions on a dataflow's captured output, for tests of users' dataflows. Each waits, up to an explicit
/// timeout, for the capture's frontier to pass the time (never by sleeping: it awaits the capture's frontier), then
/// compares multisets: a mismatch throws a <see cref="CollectionMismatchException"/> showing expected, actual and
/// their difference; a time that does not close in time throws a <see cref="TimeoutException"/> naming the
/// capture, the time and its frontier. <see cref="DataflowTestKit"/> offers the same with the TestKit's default timeout.
/// </summary>
public static class DataflowAssert
{
    /// <summary>
    /// Asserts that the collection accumulated at <paramref name="time"/> (every update at a time ≤ it) is
    /// <paramref name="expected"/>, once the capture's frontier has passed <paramref name="time"/>.
    /// </summary>
    /// <param name="capture">The capture of the collection.</param>
    /// <param name="time">The time, which must close within <paramref name="timeout"/>.</param>
    /// <param name="expected">The expected records and multiplicities; equal records add up, zeros are ignored.</param>
    /// <param name="timeout">How long to wait for <paramref name="time"/> to close.</param>
    /// <exception cref="CollectionMismatchException">The collection is another multiset.</exception>
    /// <exception cref="TimeoutException">The frontier did not pass <paramref name="time"/> within <paramref name="timeout"/>.</exception>
    public static async Task CollectionAt<TData, TTime, TDiff>(
        CaptureHandle<TData, TTime, TDiff> capture, TTime time, IEnumerable<(TData Data, TDiff Diff)> expected, TimeSpan timeout)
        where TData : notnull where TTime : notnull
    {
        ArgumentNullException.ThrowIfNull(capture);
        var wanted = Multiset.From(expected.Select(e => KeyValuePair.Create(e.Data, e.Diff)));
        await Closed(capture, time, timeout).ConfigureAwait(false);
        var actual = await capture.CollectionAt(time).ConfigureAwait(false);
        if (!Same(wanted, actual))
            throw CollectionMismatchException.Create($"The collection of capture '{capture.Name}' at time {time}", wanted, actual);
    }

    /// <summary>
    /// Asserts that the changes at exactly <paramref name="time"/> (the updates at that time, consolidated) are
    /// <paramref name="expected"/>, once the capture's frontier has passed <paramref name="time"/>.
    /// </summary>
    /// <param name="capture">The capture of the collection; it must keep every update (<see cref="CaptureMode.FullHistory"/>).</param>
    /// <param name="time">The time, which must close within <paramref name="timeout"/>.</param>
    /// <param name="expected">The expected changes; equal records add up, zeros are ignored.</param>
    /// <param name="timeout">How long to wait for <paramref name="time"/> to close.</param>
    /// <exception cref="ArgumentException">The capture is <see cref="CaptureMode.Consolidated"/>, which folds the changes of passed times together.</exception>
    /// <exception cref="CollectionMismatchException">The changes are another multiset.</exception>
    /// <exception cref="TimeoutException">The frontier did not pass <paramref name="time"/> within <paramref name="timeout"/>.</exception>
    public static async Task ChangesAt<TData, TTime, TDiff>(
        CaptureHandle<TData, TTime, TDiff> capture, TTime time, IEnumerable<(TData Data, TDiff Diff)> expected, TimeSpan timeout)
        where TData : notnull where TTime : notnull
    {
        ArgumentNullException.ThrowIfNull(capture);
        if (capture.Mode != CaptureMode.FullHistory)
            throw new ArgumentException(
                $"Capture '{capture.Name}' is consolidated: it folds the changes of passed times together, so the changes at exactly {time} are not kept. Capture with CaptureMode.FullHistory to assert them.",
                nameof(capture));
        var wanted = Multiset.From(expected.Select(e => KeyValuePair.Create(e.Data, e.Diff)));
        await Closed(capture, time, timeout).ConfigureAwait(false);
        var actual = Multiset.From(capture.Updates
            .Where(u => EqualityComparer<TTime>.Default.Equals(u.Time, time))
            .Select(u => KeyValuePair.Create(u.Data, u.Diff)));
        if (!Same(wanted, actual))
            throw CollectionMismatchException.Create($"The changes of capture '{capture.Name}' at time {time}", wanted, actual);
    }

    private static async Task Closed<TData, TTime, TDiff>(CaptureHandle<TData, TTime, TDiff> capture, TTime time, TimeSpan timeout)
        where TData : notnull where TTime : notnull
    {
        try
        {
            await capture.WhenPassed(time).WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"Time {time} did not close within {timeout.TotalSeconds:0.###} s: capture '{capture.Name}' still has frontier {capture.Frontier}. " +
                $"Advance every input past {time} (or close them) before asserting at it.");
        }
    }

    private static bool Same<TData, TDiff>(IReadOnlyDictionary<TData, TDiff> expected, IReadOnlyDictionary<TData, TDiff> actual) where TData : notnull =>
        expected.Count == actual.Count && expected.All(kv => actual.TryGetValue(kv.Key, out var diff) && EqualityComparer<TDiff>.Default.Equals(diff, kv.Value));
}
