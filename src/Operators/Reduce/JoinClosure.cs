namespace AkkaDifferential.Operators.Reduce;

/// <summary>
/// The times at which a reduction's output for a key can change: the accumulated input at a time <c>t</c> is the
/// sum of the updates at times ≤ <c>t</c>, and that set changes only at lattice joins of input times. For totally
/// ordered times the join of any set is one of its members, so the closure is the set itself.
/// </summary>
internal static class JoinClosure
{
    /// <summary>Replaces <paramref name="times"/> by its closure under pairwise joins (without duplicates).</summary>
    public static void Close<TTime>(List<TTime> times) where TTime : notnull
    {
        var seen = new HashSet<TTime>(times);
        times.Clear();
        times.AddRange(seen);
        if (Timestamp.Coordinates<TTime>() == 1)
            return;
        for (var added = true; added;)
        {
            added = false;
            var count = times.Count;
            for (var i = 0; i < count; i++)
                for (var j = 0; j < i; j++)
                {
                    var join = Lattice.Join(times[i], times[j]);
                    if (seen.Add(join))
                    {
                        times.Add(join);
                        added = true;
                    }
                }
        }
    }
}
