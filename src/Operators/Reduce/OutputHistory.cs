using AkkaDifferential.Arrangements.Data;
using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Progress.Differences;
using AkkaDifferential.Progress.Frontiers;
using AkkaDifferential.Progress.Timestamps;

namespace AkkaDifferential.Operators.Reduce;

/// <summary>
/// The output a reduction has produced for one key, as updates. It answers "what is the output at time t" so that
/// the next result can be emitted as a difference. It is compacted to the input frontier when it has grown, which
/// keeps it small without changing the output at any time the reduction can still evaluate.
/// </summary>
internal sealed class OutputHistory<TOut, TTime, TDiff> where TTime : notnull
{
    private List<(TOut Value, TTime Time, TDiff Diff)> updates = [];
    private int compactedSize;

    /// <summary>Records an emitted update.</summary>
    public void Add(TOut value, TTime time, TDiff diff) => updates.Add((value, time, diff));

    /// <summary>Appends to <paramref name="into"/> the negation of the output accumulated at <paramref name="time"/>.</summary>
    public void AddNegatedAccumulation(TTime time, List<(TOut Value, TDiff Diff)> into)
    {
        foreach (var (value, when, diff) in updates)
            if (Lattice.LessEqual(when, time))
                into.Add((value, Difference.Negate(diff)));
    }

    /// <summary>When the history has doubled since it was last compacted, advances its times to <paramref name="frontier"/> and consolidates.</summary>
    public void CompactIfLarge(Antichain<TTime> frontier)
    {
        if (updates.Count < 2 * compactedSize + 16)
            return;
        var advanced = new List<(TOut Value, TTime Time, TDiff Diff)>(updates.Count);
        foreach (var (value, time, diff) in updates)
            advanced.Add((value, TimeCompaction.Advance(time, frontier), diff));
        advanced.Sort(static (a, b) =>
        {
            var byValue = DataOrder<TOut>.Compare(a.Value, b.Value);
            return byValue != 0 ? byValue : Timestamp.Compare(a.Time, b.Time);
        });
        var result = new List<(TOut Value, TTime Time, TDiff Diff)>();
        for (var read = 0; read < advanced.Count;)
        {
            var (value, time, sum) = advanced[read++];
            while (read < advanced.Count && DataOrder<TOut>.Compare(value, advanced[read].Value) == 0 && Timestamp.Compare(time, advanced[read].Time) == 0)
                sum = Difference.Add(sum, advanced[read++].Diff);
            if (!Difference.IsZero(sum))
                result.Add((value, time, sum));
        }
        updates = result;
        compactedSize = result.Count;
    }
}
