namespace AkkaDifferential.Arrangements.Trace.Hashed;

/// <summary>
/// Orders rows by key in <see cref="HashOrder{TKey}"/>, then by value and time: the row order of a hashed batch, as
/// <see cref="TraceRowOrder{TKey, TVal, TTime, TDiff}"/> is of an ordered one.
/// </summary>
internal readonly struct HashedRowOrder<TKey, TVal, TTime, TDiff> : IComparer<TraceRow<TKey, TVal, TTime, TDiff>>
{
    public int Compare(TraceRow<TKey, TVal, TTime, TDiff> x, TraceRow<TKey, TVal, TTime, TDiff> y)
    {
        var c = HashOrder<TKey>.Compare(x.Key, y.Key);
        if (c != 0)
            return c;
        c = DataOrder<TVal>.Compare(x.Val, y.Val);
        return c != 0 ? c : Timestamp.Compare(x.Time, y.Time);
    }
}
