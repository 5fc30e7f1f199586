using AkkaDifferential.Arrangements.Updates;

namespace AkkaDifferential.Operators.Runtime;

/// <summary>
/// Updates an operator holds back until its input frontier passes their time, grouped by time. Consolidate and
/// the loop feedback both use it: each holds a capability per pending time and, when the time completes, takes
/// the time's updates consolidated.
/// </summary>
internal sealed class PendingByTime<TData, TTime, TDiff> where TTime : notnull
{
    private readonly Dictionary<TTime, UpdateBuilder<TData, TTime, TDiff>> pending = [];

    /// <summary>Adds every update of <paramref name="batch"/>; calls <paramref name="started"/> for each time not pending before.</summary>
    public void Add(UpdateBatch<TData, TTime, TDiff> batch, Action<TTime> started)
    {
        var data = batch.Data;
        var times = batch.Times;
        var diffs = batch.Diffs;
        for (var i = 0; i < batch.Count; i++)
        {
            if (!pending.TryGetValue(times[i], out var builder))
            {
                pending[times[i]] = builder = new UpdateBuilder<TData, TTime, TDiff>();
                started(times[i]);
            }
            builder.Add(data[i], times[i], diffs[i]);
        }
    }

    /// <summary>Removes and returns, consolidated, the updates of every pending time that <paramref name="isComplete"/> accepts.</summary>
    public List<(TTime Time, UpdateBatch<TData, TTime, TDiff> Updates)> TakeComplete(Func<TTime, bool> isComplete)
    {
        var result = new List<(TTime, UpdateBatch<TData, TTime, TDiff>)>();
        foreach (var (time, builder) in pending)
        {
            if (!isComplete(time))
                continue;
            builder.Consolidate();
            result.Add((time, builder.Build()));
        }
        foreach (var (time, _) in result)
            pending.Remove(time);
        return result;
    }
}
