using AkkaDifferential.Arrangements.Updates;
using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Operators.Runtime;

/// <summary>
/// The times at which progress tracking counts a message: as in timely, where a message carries the time of the
/// capability it was sent with, a batch sent while an activation processes a message at times <c>A</c> (or while
/// an operator releases capabilities at <c>A</c>) is counted at <c>A</c> when every update of it is at a time ≥ one
/// of them — not at the batch's own minimal times. Counting at lower times only holds frontiers back until the
/// message is consumed, which is safe; what it saves is the frontier steps in between: a round of 1,000 times split
/// among buckets gives each bucket's part its own least time, and a frontier that passes the parts one at a time
/// makes every arrangement downstream seal twice per round (its first batch holding one time), each seal a frontier
/// step across the cluster. Counted at the round's first time, every part leaves the frontier at that time until the
/// last is consumed, and it then moves past the whole round at once.
/// </summary>
/// <remarks>
/// Only at one-coordinate (totally ordered) times: those of a dataflow's top level, where no operator lies on a
/// cycle. Inside an iteration scope a feedback edge moves times on by an iteration; a message counted at the time it
/// came from would hold the frontier of its own loop back by one iteration, and cost a step instead of saving one.
/// </remarks>
internal static class MessageTimes
{
    /// <summary>
    /// The elements of <paramref name="lower"/> that some element of <paramref name="minimal"/> is ≥ (<paramref name="lower"/>
    /// itself when that is all of them), when every element of <paramref name="minimal"/> is ≥ one of them; otherwise
    /// null (the message keeps its own times).
    /// </summary>
    public static IReadOnlyList<TTime>? Coarsen<TTime>(IReadOnlyList<TTime> lower, IReadOnlyList<TTime> minimal)
    {
        if (lower.Count == 0 || minimal.Count == 0)
            return null;
        var kept = 0;
        Span<bool> used = lower.Count <= 16 ? stackalloc bool[lower.Count] : new bool[lower.Count];
        foreach (var time in minimal)
        {
            var covered = false;
            for (var i = 0; i < lower.Count; i++)
                if (Lattice.LessEqual(lower[i], time))
                {
                    covered = true;
                    if (!used[i])
                    {
                        used[i] = true;
                        kept++;
                    }
                }
            if (!covered)
                return null;
        }
        if (kept == lower.Count)
            return lower;
        var result = new TTime[kept];
        for (int i = 0, j = 0; i < lower.Count; i++)
            if (used[i])
                result[j++] = lower[i];
        return result;
    }

    /// <summary>
    /// The times to count a message at whose updates have <paramref name="minimal"/> as their minimal times:
    /// <paramref name="lower"/> (or those of its elements it needs) where it covers them (<see cref="Coarsen"/>), with
    /// their flat form in <paramref name="flat"/> (that of all of <paramref name="lower"/> made once, in
    /// <paramref name="lowerFlat"/>); else <paramref name="minimal"/>, and <paramref name="flat"/> null.
    /// </summary>
    public static IReadOnlyList<TTime> CountAt<TTime>(
        IReadOnlyList<TTime>? lower, ref IReadOnlyList<FlatTime>? lowerFlat, IReadOnlyList<TTime> minimal, out IReadOnlyList<FlatTime>? flat)
    {
        if (lower is not null && Coarsen(lower, minimal) is { } coarse)
        {
            flat = ReferenceEquals(coarse, lower) ? lowerFlat ??= Flatten(lower) : Flatten(coarse);
            return coarse;
        }
        flat = null;
        return minimal;
    }

    /// <summary>The times <paramref name="delivery"/> was counted at: those it carries, or else its batch's minimal times.</summary>
    public static IReadOnlyList<TTime> Of<TTime>(RuntimeProtocol.IDelivery delivery)
    {
        if (delivery.Times is not { } flat)
            return ((ITimedBatch<TTime>)delivery.Batch).MinimalTimes;
        var times = new TTime[flat.Count];
        for (var i = 0; i < times.Length; i++)
            times[i] = flat[i].To<TTime>();
        return times;
    }

    /// <summary>Flattens <paramref name="times"/> for a message.</summary>
    public static FlatTime[] Flatten<TTime>(IReadOnlyList<TTime> times)
    {
        var flat = new FlatTime[times.Count];
        for (var i = 0; i < flat.Length; i++)
            flat[i] = FlatTime.From(times[i]);
        return flat;
    }
}
