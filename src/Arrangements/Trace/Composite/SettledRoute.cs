namespace AkkaDifferential.Arrangements.Trace.Composite;

/// <summary>
/// The policy by which the merges of a composite trace move updates between representations (the question the
/// seed's <c>trace::implementations</c> leaves open): each update a merge writes, once advanced by the trace's
/// compaction frontier <c>since</c> and consolidated with every equal update of its inputs, goes to the batch's
/// <em>base part</em> when it is <em>settled</em>, else to its <em>general part</em>. An update is settled when
/// <c>since</c> is one time <c>s</c>, the update's time is <c>s</c> (it was at or before <c>s</c>: advancing by
/// <c>{s}</c> is the join with <c>s</c>, which is <c>s</c> exactly for the times <c>≤ s</c>) and its multiplicity is
/// positive. A frontier of several times leaves nothing settled (advanced times there are not one time), and so does a
/// difference type without an order (only <c>long</c>, <c>int</c> and <see cref="IComparable{T}"/> types have a sign).
/// <para>The route is decided afresh at every merge, from both parts of both inputs consolidated together, so it goes
/// both ways: a settled update whose <c>(key, val)</c> later gets a retraction at <c>s</c> is summed with it, and the
/// sum goes back to the general part when it is not positive (or vanishes at zero); once the frontier moves on to
/// <c>s'</c>, a base part's updates advance to <c>s'</c> and settle again with the newly settled ones.</para>
/// </summary>
internal static class SettledRoute
{
    /// <summary>The time settled updates have under <paramref name="since"/>: its one element, when it has exactly one.</summary>
    public static bool TrySettledTime<TTime>(Antichain<TTime> since, out TTime time) where TTime : notnull
    {
        var elements = since.Elements;
        time = elements.Count == 1 ? elements[0] : default!;
        return elements.Count == 1;
    }

    /// <summary>True when an advanced, consolidated update belongs in the base part whose time is <paramref name="settled"/>.</summary>
    public static bool IsSettled<TTime, TDiff>(TTime time, TDiff diff, TTime settled) =>
        Timestamp.Compare(time, settled) == 0 && IsPositive(diff);

    /// <summary>True when <paramref name="diff"/> is greater than zero; false for difference types without an order.</summary>
    public static bool IsPositive<TDiff>(TDiff diff)
    {
        if (typeof(TDiff) == typeof(long)) return (long)(object)diff! > 0L;
        if (typeof(TDiff) == typeof(int)) return (int)(object)diff! > 0;
        return diff is IComparable<TDiff> comparable && comparable.CompareTo(Difference.Zero<TDiff>()) > 0;
    }
}
