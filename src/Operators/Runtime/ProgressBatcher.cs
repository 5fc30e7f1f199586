using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Operators.Runtime;

/// <summary>Pointstamp changes waiting to be reported, whatever their time type.</summary>
internal interface IProgressSource
{
    /// <summary>True when nothing is to be reported.</summary>
    bool IsEmpty { get; }

    /// <summary>Returns the accumulated changes, flattened, and starts afresh.</summary>
    PointstampChange[] Drain();
}

/// <summary>
/// Accumulates the pointstamp changes of one activation (messages sent and consumed, capabilities held and
/// released), summing equal <c>(location, time)</c> pairs, so that the frontier actor receives one consolidated
/// message per activation instead of one per batch or record.
/// </summary>
internal sealed class ProgressBatcher<TTime> : IProgressSource where TTime : notnull
{
    private readonly Dictionary<(Location Location, TTime Time), long> counts = [];

    /// <summary>Records a change of <paramref name="delta"/> pointstamps at <paramref name="location"/> and <paramref name="time"/>.</summary>
    public void Update(Location location, TTime time, long delta)
    {
        var key = (location, time);
        var next = counts.GetValueOrDefault(key) + delta;
        if (next == 0) counts.Remove(key); else counts[key] = next;
    }

    /// <summary>True when nothing is to be reported.</summary>
    public bool IsEmpty => counts.Count == 0;

    /// <summary>Returns the accumulated changes, flattened for the frontier actor, and starts afresh.</summary>
    public PointstampChange[] Drain()
    {
        var result = new PointstampChange[counts.Count];
        var i = 0;
        foreach (var ((location, time), delta) in counts)
            result[i++] = new PointstampChange(location, FlatTime.From(time), delta);
        counts.Clear();
        return result;
    }
}
