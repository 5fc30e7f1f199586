namespace AkkaDifferential.Operators.Inputs;

/// <summary>
/// What an input session has sent and its dataflow has not yet absorbed: per send, the number of updates and an upper
/// bound of their times (the lattice join of them all). The updates of a send are absorbed once every output of the
/// dataflow has passed that bound (its delivered frontier has no element at or before it). The session's bound on
/// work in flight (<see cref="DataflowSettings.InputMaxInFlight"/>) counts the sends that the dataflow can absorb
/// without any input moving: those whose bound no open input's time is at or before. Not thread-safe: the session
/// uses it under its lock.
/// </summary>
internal sealed class InFlightUpdates<TTime> where TTime : notnull
{
    // In the order sent; consecutive sends with the same bound (flushes within one time) share an entry.
    private readonly List<(TTime Upper, long Count)> sends = [];

    /// <summary>Every update sent and not yet known to be absorbed.</summary>
    public long Count { get; private set; }

    /// <summary>Records that <paramref name="count"/> updates at times at or before <paramref name="upper"/> were sent.</summary>
    public void Sent(TTime upper, long count)
    {
        if (count == 0)
            return;
        Count += count;
        if (sends.Count > 0 && EqualityComparer<TTime>.Default.Equals(sends[^1].Upper, upper))
            sends[^1] = (upper, sends[^1].Count + count);
        else
            sends.Add((upper, count));
    }

    /// <summary>
    /// Forgets the sends whose times every output has passed (<paramref name="delivered"/>), and returns how many of
    /// the updates left are at times that every open input has passed (<paramref name="inputs"/>), which the dataflow
    /// can absorb without a session moving.
    /// </summary>
    public long Absorbable(Antichain<TTime> delivered, Antichain<TTime> inputs)
    {
        var kept = 0;
        long absorbable = 0;
        for (var i = 0; i < sends.Count; i++)
        {
            var (upper, count) = sends[i];
            if (!delivered.LessEqual(upper))
            {
                Count -= count;
                continue;
            }
            if (!inputs.LessEqual(upper))
                absorbable += count;
            sends[kept++] = sends[i];
        }
        sends.RemoveRange(kept, sends.Count - kept);
        return absorbable;
    }
}
