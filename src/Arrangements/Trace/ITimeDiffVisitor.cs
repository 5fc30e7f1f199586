namespace AkkaDifferential.Arrangements.Trace;

/// <summary>
/// Receives the <c>(time, diff)</c> updates of one <c>(key, val)</c> from
/// <see cref="TraceCursor{TKey, TVal, TTime, TDiff}.ForEachTime{TVisitor}(ref TVisitor)"/>. Implement it with a struct so the call
/// per update is direct (no delegate, no boxing).
/// </summary>
/// <typeparam name="TTime">The timestamp type.</typeparam>
/// <typeparam name="TDiff">The difference type.</typeparam>
internal interface ITimeDiffVisitor<TTime, TDiff>
{
    /// <summary>Receives one update.</summary>
    void Visit(TTime time, TDiff diff);
}
