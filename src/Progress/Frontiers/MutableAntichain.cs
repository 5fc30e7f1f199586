using System.Runtime.InteropServices;
using AkkaDifferential.Progress.Timestamps;

namespace AkkaDifferential.Progress.Frontiers;

/// <summary>
/// A multiset of times with signed counts, and the antichain of the minimal times whose count is positive: the
/// frontier of a location, given the pointstamps held there. Counts may go negative for a while (a consumption
/// reported before the matching send); such times are not part of the frontier.
/// </summary>
/// <remarks>
/// The frontier is kept in place and rebuilt only when a change can move it: a time becoming positive that no element
/// is ≤, or a frontier element ceasing to be positive. <see cref="UpdateDeferred"/> and <see cref="Rebuild"/> split an
/// update in two, so that a caller applying a batch to many antichains rebuilds each once and learns exactly which
/// elements left and entered the frontier (timely's <c>update_iter</c>); that is what the progress tracker propagates.
/// </remarks>
internal sealed class MutableAntichain<T> where T : notnull
{
    private readonly Dictionary<T, long> counts = [];
    private readonly List<T> frontier = [];
    private readonly List<T> previous = [];
    private Antichain<T>? snapshot;
    private bool stale;

    /// <summary>The minimal times with a positive count; an object of its own per distinct frontier, never changed later.</summary>
    public Antichain<T> Frontier
    {
        get
        {
            Rebuild(null);
            return snapshot ??= Antichain<T>.CopyOf(frontier);
        }
    }

    /// <summary>The count of <paramref name="time"/>.</summary>
    public long Count(T time) => counts.GetValueOrDefault(time);

    /// <summary>True when no time has a non-zero count.</summary>
    public bool IsEmpty => counts.Count == 0;

    /// <summary>
    /// Applies count changes and returns true when the frontier changed as a result.
    /// </summary>
    public bool Update(IEnumerable<(T Time, long Delta)> changes)
    {
        foreach (var (time, delta) in changes)
            UpdateDeferred(time, delta);
        return Rebuild(null);
    }

    /// <summary>Applies one count change; returns true when the frontier changed.</summary>
    public bool Update(T time, long delta)
    {
        UpdateDeferred(time, delta);
        return Rebuild(null);
    }

    /// <summary>
    /// Applies one count change without rebuilding the frontier. Returns true when this change may move the frontier
    /// and no earlier one since the last rebuild did: the caller then owes one <see cref="Rebuild"/> (reading
    /// <see cref="Frontier"/> rebuilds too).
    /// </summary>
    public bool UpdateDeferred(T time, long delta)
    {
        if (delta == 0)
            return false;
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, time, out _);
        var before = count;
        count += delta;
        var after = count;
        if (after == 0)
            counts.Remove(time);
        if (stale)
            return false;
        // Only a time that starts or stops being positive can move the frontier, and then only when it is
        // not already above the frontier (when arriving) or when it is a frontier element (when leaving).
        if (before <= 0 && after > 0)
            stale = !Lattice.AnyLessEqual(CollectionsMarshal.AsSpan(frontier), time);
        else if (before > 0 && after <= 0)
            stale = frontier.Contains(time);
        return stale;
    }

    /// <summary>
    /// Rebuilds the frontier after <see cref="UpdateDeferred"/> changes that may have moved it, appending to
    /// <paramref name="changes"/> (when given) each element that left it, with −1, and each that entered it, with +1.
    /// Returns true when the frontier changed.
    /// </summary>
    public bool Rebuild(List<(T Time, long Delta)>? changes)
    {
        if (!stale)
            return false;
        stale = false;
        previous.Clear();
        previous.AddRange(frontier);
        frontier.Clear();
        foreach (var (time, count) in counts)
            if (count > 0)
                Antichain<T>.Insert(frontier, time);
        var moved = false;
        foreach (var time in previous)
            if (!frontier.Contains(time))
            {
                moved = true;
                changes?.Add((time, -1));
            }
        foreach (var time in frontier)
            if (!previous.Contains(time))
            {
                moved = true;
                changes?.Add((time, +1));
            }
        if (moved)
            snapshot = null;
        return moved;
    }

    /// <inheritdoc/>
    public override string ToString() => Frontier.ToString();
}
