namespace AkkaDifferential;

/// <summary>What a capture (<c>collection.Capture(mode)</c>) keeps of the updates it records.</summary>
public enum CaptureMode
{
    /// <summary>
    /// Every update, in arrival order: <c>CollectionAt(t)</c> answers for every time, and memory grows with the
    /// number of updates. For tests and short runs.
    /// </summary>
    FullHistory,

    /// <summary>
    /// The accumulated collection plus the updates at times the frontier has not passed: as the frontier passes
    /// times, their updates are folded, a few at a time (amortized), into one consolidated update per record, at
    /// the join of the folded times (<c>Since</c>). Memory stays proportional to the collection's size plus the
    /// updates still open, however long it runs — inserting and removing the same records forever retains a bounded
    /// number of updates. <c>CollectionAt(t)</c> stays exact for every time at or after <c>Since</c> (in particular
    /// the latest passed times), and for every time it was asked for before the frontier passed it (folding waits
    /// for such a pending read); an older time is refused with an error.
    /// </summary>
    Consolidated,
}
