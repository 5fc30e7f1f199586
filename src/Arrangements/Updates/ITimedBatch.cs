namespace AkkaDifferential.Arrangements.Updates;

/// <summary>The times of a batch, without its records: what progress tracking needs to know of a message.</summary>
internal interface ITimedBatch<TTime> : IBatch
{
    /// <summary>
    /// The minimal times of the updates (an antichain; one time for totally ordered times): every update's time is
    /// ≥ one of them. Progress tracking counts the message at these times.
    /// </summary>
    IReadOnlyList<TTime> MinimalTimes { get; }
}
