namespace AkkaDifferential.Progress.Frontiers;

/// <summary>
/// The minimal elements of a collection of times: the antichain every one of them is ≥ some element of. Progress
/// tracking counts a message of updates at these times rather than at each distinct time, which is sound (nothing
/// in the message is earlier) and keeps the pointstamp traffic of a batch independent of how many times it holds.
/// </summary>
internal static class MinimalTimes
{
    /// <summary>The minimal elements of <paramref name="times"/>; empty when there are none.</summary>
    public static T[] Of<T>(ReadOnlySpan<T> times)
    {
        if (times.IsEmpty)
            return [];
        if (Timestamp.Coordinates<T>() == 1)
        {
            // A total order: the minimal elements are the least time.
            var least = times[0];
            for (var i = 1; i < times.Length; i++)
                if (Timestamp.Compare(times[i], least) < 0)
                    least = times[i];
            return [least];
        }
        var minimal = new Antichain<T>();
        var previous = times[0];
        minimal.Insert(previous);
        for (var i = 1; i < times.Length; i++)
        {
            // Runs of one time are common (batches sorted or built per time): skip them without a scan.
            if (Timestamp.Compare(times[i], previous) == 0)
                continue;
            previous = times[i];
            minimal.Insert(previous);
        }
        return [.. minimal.Elements];
    }
}
