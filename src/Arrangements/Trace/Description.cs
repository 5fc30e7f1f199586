namespace AkkaDifferential.Arrangements.Trace;

/// <summary>
/// What a batch stands for, as in differential dataflow's <c>Description</c>: the updates at times <c>t</c> with
/// <c>Lower ≤ t</c> and not <c>Upper ≤ t</c> (the interval between two frontiers), whose times may have been advanced
/// by the logical compaction frontier <see cref="Since"/>. Consecutive batches of a trace chain their descriptions:
/// the <see cref="Lower"/> of each is the <see cref="Upper"/> of the one before.
/// </summary>
/// <param name="Lower">The frontier the batch starts at: its updates' original times are ≥ it.</param>
/// <param name="Upper">The frontier the batch ends at: its updates' original times are not ≥ it.</param>
/// <param name="Since">The compaction frontier its times were advanced by (<c>{minimum}</c> when none).</param>
/// <typeparam name="TTime">The timestamp type.</typeparam>
/// <remarks>The antichains are shared, not copied: treat them as immutable.</remarks>
internal sealed record Description<TTime>(Antichain<TTime> Lower, Antichain<TTime> Upper, Antichain<TTime> Since)
    where TTime : notnull;
