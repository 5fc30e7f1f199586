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
/// <remarks>
/// For totally ordered times a reduction evaluates each key at increasing times, so the output accumulated at the
/// time being evaluated is simply the sum of everything emitted: that sum is kept up to date instead of being
/// recomputed from the updates at every evaluation.
/// </remarks>
internal sealed class OutputHistory<TOut, TTime, TDiff> where TTime : notnull
{
    private static readonly bool TotallyOrdered = Timestamp.Coordinates<TTime>() == 1;
    private readonly List<(TOut Value, TDiff Diff)> sum = [];
    private List<(TOut Value, TTime Time, TDiff Diff)> updates = [];
    private int compactedSize;

    /// <summary>Records an emitted update.</summary>
    public void Add(TOut value, TTime time, TDiff diff)
    {
        if (!TotallyOrdered)
        {
            updates.Add((value, time, diff));
            return;
        }
        var at = sum.BinarySearch((value, diff), SumOrder.Instance);
        if (at < 0)
            sum.Insert(~at, (value, diff));
        else if (Difference.IsZero(Difference.Add(sum[at].Diff, diff)))
            sum.RemoveAt(at);
        else
            sum[at] = (value, Difference.Add(sum[at].Diff, diff));
    }

    /// <summary>Appends to <paramref name="into"/> the negation of the output accumulated at <paramref name="time"/>.</summary>
    public void AddNegatedAccumulation(TTime time, List<(TOut Value, TDiff Diff)> into)
    {
        if (TotallyOrdered)
        {
            foreach (var (value, diff) in sum)
                into.Add((value, Difference.Negate(diff)));
            return;
        }
        foreach (var (value, when, diff) in updates)
            if (Lattice.LessEqual(when, time))
                into.Add((value, Difference.Negate(diff)));
    }

    private sealed class SumOrder : IComparer<(TOut Value, TDiff Diff)>
    {
        public static SumOrder Instance { get; } = new();

        public int Compare((TOut Value, TDiff Diff) x, (TOut Value, TDiff Diff) y) => DataOrder<TOut>.Compare(x.Value, y.Value);
    }

    /// <summary>When the history has doubled since it was last compacted, advances its times to <paramref name="frontier"/> and consolidates.</summary>
    public void CompactIfLarge(Antichain<TTime> frontier)
    {
        if (TotallyOrdered || updates.Count < 2 * compactedSize + 16)
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
