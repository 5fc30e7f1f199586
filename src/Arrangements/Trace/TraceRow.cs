namespace AkkaDifferential.Arrangements.Trace;

/// <summary>One update as a row, the form in which updates wait to become a batch's columns.</summary>
internal struct TraceRow<TKey, TVal, TTime, TDiff>(TKey key, TVal val, TTime time, TDiff diff)
{
    public TKey Key = key;
    public TVal Val = val;
    public TTime Time = time;
    public TDiff Diff = diff;
}

/// <summary>Orders rows by key, value, then time; a struct so that sorting and merging call it without indirection.</summary>
internal readonly struct TraceRowOrder<TKey, TVal, TTime, TDiff> : IComparer<TraceRow<TKey, TVal, TTime, TDiff>>
{
    public int Compare(TraceRow<TKey, TVal, TTime, TDiff> x, TraceRow<TKey, TVal, TTime, TDiff> y)
    {
        var c = DataOrder<TKey>.Compare(x.Key, y.Key);
        if (c != 0)
            return c;
        c = DataOrder<TVal>.Compare(x.Val, y.Val);
        return c != 0 ? c : Timestamp.Compare(x.Time, y.Time);
    }
}
