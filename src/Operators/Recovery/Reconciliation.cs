using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Arrangements.Updates;

namespace AkkaDifferential.Operators.Recovery;

/// <summary>
/// What a capture delivers after its dataflow was redeployed: the difference between what the new incarnation
/// produces and what the capture had already told. The told updates, with times advanced by the replay frontier
/// <c>since</c>, are held negated; the new incarnation's updates, advanced the same way, are added; at each time the
/// new incarnation closes, the updates at that time are consolidated and the non-zero ones delivered. Both sides
/// accumulate to the true collection at every time in advance of <c>since</c> (the replayed input is the true input
/// there, and the told updates were complete at the times before the capture's frontier), so at every time the
/// capture had closed the difference is empty — nothing told is told twice — and at every later time the told
/// updates plus the delivered ones accumulate to the true collection.
/// </summary>
/// <remarks>
/// Settled once every told update has met its counterpart (its time has closed) and the new incarnation's frontier
/// is in advance of <c>since</c> (no update needs advancing any more): the capture then takes updates as they come.
/// Not thread-safe: the capture calls it under its lock.
/// </remarks>
internal sealed class Reconciliation<TData, TTime, TDiff> where TData : notnull where TTime : notnull
{
    private readonly Antichain<TTime> since;
    private List<Update<TData, TTime, TDiff>> told;
    private List<Update<TData, TTime, TDiff>> arrived = [];

    /// <summary>Holds <paramref name="toldUpdates"/>, advanced by <paramref name="since"/>, consolidated and negated.</summary>
    public Reconciliation(IEnumerable<Update<TData, TTime, TDiff>> toldUpdates, Antichain<TTime> since)
    {
        this.since = since;
        var rows = toldUpdates.Select(u => new Update<TData, TTime, TDiff>(u.Data, TimeCompaction.Advance(u.Time, since), Difference.Negate(u.Diff))).ToArray();
        var kept = Consolidation.ConsolidateRows(rows.AsSpan());
        told = [.. rows.AsSpan(0, kept)];
    }

    /// <summary>The told updates whose time the new incarnation has not closed yet.</summary>
    public int Told => told.Count;

    /// <summary>Adds the new incarnation's updates of <paramref name="batch"/>, with times advanced by <c>since</c>.</summary>
    public void Add(UpdateBatch<TData, TTime, TDiff> batch)
    {
        var data = batch.Data;
        var times = batch.Times;
        var diffs = batch.Diffs;
        for (var i = 0; i < batch.Count; i++)
            arrived.Add(new Update<TData, TTime, TDiff>(data[i], TimeCompaction.Advance(times[i], since), diffs[i]));
    }

    /// <summary>
    /// The consolidated, non-zero differences at every time the new incarnation's <paramref name="frontier"/> has
    /// passed, which are then forgotten.
    /// </summary>
    public List<Update<TData, TTime, TDiff>> Close(Antichain<TTime> frontier)
    {
        var closing = new List<Update<TData, TTime, TDiff>>();
        told = Split(told, frontier, closing);
        arrived = Split(arrived, frontier, closing);
        var rows = closing.ToArray();
        var kept = Consolidation.ConsolidateRows(rows.AsSpan());
        return [.. rows.AsSpan(0, kept)];
    }

    /// <summary>True when the capture can take the new incarnation's updates as they come (see the remarks).</summary>
    public bool Settled(Antichain<TTime> frontier) => told.Count == 0 && since.Dominates(frontier);

    /// <summary>The new incarnation's updates at times not closed yet, as they are (advancing no longer changes them once settled).</summary>
    public IReadOnlyList<Update<TData, TTime, TDiff>> Open => arrived;

    private static List<Update<TData, TTime, TDiff>> Split(List<Update<TData, TTime, TDiff>> updates, Antichain<TTime> frontier, List<Update<TData, TTime, TDiff>> closing)
    {
        var open = new List<Update<TData, TTime, TDiff>>(updates.Count);
        foreach (var update in updates)
            (frontier.LessEqual(update.Time) ? open : closing).Add(update);
        return open;
    }
}
