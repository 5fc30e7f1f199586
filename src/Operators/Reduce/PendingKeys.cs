using System.Runtime.InteropServices;
using AkkaDifferential.Arrangements.Data;
using AkkaDifferential.Progress.Frontiers;

namespace AkkaDifferential.Operators.Reduce;

/// <summary>
/// The <c>(key, time)</c> pairs at which a reduction still has to evaluate, grouped by time: the distinct pending
/// times are few and the keys many, so a frontier change looks at times only. A pair may be added more than once;
/// duplicates are dropped when the pairs are taken.
/// </summary>
internal sealed class PendingKeys<TKey, TTime> where TKey : notnull where TTime : notnull
{
    // An emptied dictionary is replaced, since a Dictionary keeps scanning its largest size.
    private Dictionary<TTime, List<TKey>> keysByTime = [];
    private readonly MutableAntichain<TTime> times = new();
    private readonly List<TTime> due = [];

    /// <summary>The least pending times: the reduction may still emit at or after them.</summary>
    public Antichain<TTime> Frontier => times.Frontier;

    /// <summary>Adds the pair <c>(<paramref name="key"/>, <paramref name="time"/>)</c>.</summary>
    public void Add(TKey key, TTime time)
    {
        if (!keysByTime.TryGetValue(time, out var keys))
        {
            keysByTime[time] = keys = [];
            times.Update(time, +1);
        }
        else if (DataOrder<TKey>.Compare(keys[^1], key) == 0)
        {
            return;
        }
        keys.Add(key);
    }

    /// <summary>
    /// Removes the pairs whose time <paramref name="frontier"/> has passed and appends them to <paramref name="into"/>
    /// (emptied first), sorted by key and then time, each once.
    /// </summary>
    public void TakeReady(Antichain<TTime> frontier, List<(TKey Key, TTime Time)> into)
    {
        into.Clear();
        due.Clear();
        foreach (var time in keysByTime.Keys)
            if (!frontier.LessEqual(time))
                due.Add(time);
        foreach (var time in due)
        {
            foreach (var key in keysByTime[time])
                into.Add((key, time));
            keysByTime.Remove(time);
        }
        // One update for all: removing the least times one at a time would rebuild the frontier for each.
        times.Update(due.Select(static time => (time, -1L)));
        if (keysByTime.Count == 0 && due.Count > 0)
            keysByTime = [];
        SortDistinct(into);
    }

    private static void SortDistinct(List<(TKey Key, TTime Time)> pairs)
    {
        var span = CollectionsMarshal.AsSpan(pairs);
        var order = new PairOrder();
        if (!SpanSort.IsSorted<(TKey Key, TTime Time), PairOrder>(span, order))
            SpanSort.Sort(span, order);
        var write = 0;
        for (var read = 0; read < span.Length; read++)
            if (write == 0 || order.Compare(span[write - 1], span[read]) != 0)
                span[write++] = span[read];
        pairs.RemoveRange(write, pairs.Count - write);
    }

    private readonly struct PairOrder : IComparer<(TKey Key, TTime Time)>
    {
        public int Compare((TKey Key, TTime Time) x, (TKey Key, TTime Time) y)
        {
            var c = DataOrder<TKey>.Compare(x.Key, y.Key);
            return c != 0 ? c : Timestamp.Compare(x.Time, y.Time);
        }
    }
}
