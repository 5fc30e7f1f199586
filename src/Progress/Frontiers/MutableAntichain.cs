using AkkaDifferential.Progress.Timestamps;

namespace AkkaDifferential.Progress.Frontiers;

/// <summary>
/// A multiset of times with signed counts, and the antichain of the minimal times whose count is positive: the
/// frontier of a location, given the pointstamps held there. Counts may go negative for a while (a consumption
/// reported before the matching send); such times are not part of the frontier.
/// </summary>
internal sealed class MutableAntichain<T> where T : notnull
{
    private readonly Dictionary<T, long> counts = [];
    private Antichain<T> frontier = new();

    /// <summary>The minimal times with a positive count.</summary>
    public Antichain<T> Frontier => frontier;

    /// <summary>The count of <paramref name="time"/>.</summary>
    public long Count(T time) => counts.GetValueOrDefault(time);

    /// <summary>True when no time has a non-zero count.</summary>
    public bool IsEmpty => counts.Count == 0;

    /// <summary>
    /// Applies count changes and returns true when the frontier changed as a result.
    /// </summary>
    public bool Update(IEnumerable<(T Time, long Delta)> changes)
    {
        var rebuild = false;
        foreach (var (time, delta) in changes)
            rebuild |= Apply(time, delta);
        if (!rebuild)
            return false;
        var previous = frontier;
        frontier = Rebuild();
        return !previous.Equals(frontier);
    }

    /// <summary>Applies one count change; returns true when the frontier changed.</summary>
    public bool Update(T time, long delta)
    {
        if (!Apply(time, delta))
            return false;
        var previous = frontier;
        frontier = Rebuild();
        return !previous.Equals(frontier);
    }

    private bool Apply(T time, long delta)
    {
        if (delta == 0)
            return false;
        var before = counts.GetValueOrDefault(time);
        var after = before + delta;
        if (after == 0) counts.Remove(time); else counts[time] = after;
        // Only a time that starts or stops being positive can move the frontier, and then only when it is
        // not already above the frontier (when arriving) or when it is a frontier element (when leaving).
        if (before <= 0 && after > 0)
            return !frontier.LessEqual(time);
        if (before > 0 && after <= 0)
            return frontier.Elements.Contains(time);
        return false;
    }

    private Antichain<T> Rebuild()
    {
        var result = new Antichain<T>();
        foreach (var (time, count) in counts)
            if (count > 0)
                result.Insert(time);
        return result;
    }

    /// <inheritdoc/>
    public override string ToString() => frontier.ToString();
}
