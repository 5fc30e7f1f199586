using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Operators.Metrics;

/// <summary>
/// The counters of one operator at one bucket, as its bucket reports them to the dataflow's owner
/// (<see cref="MetricsProtocol.BucketReport"/>): records and batches in and out, the size of its trace (an
/// arrangement's; null for other operators), and its frontier over its input ports (null while it reports none).
/// </summary>
/// <param name="Operator">The operator's index in its dataflow.</param>
/// <param name="RecordsIn">Updates delivered to it.</param>
/// <param name="BatchesIn">Batches delivered to it.</param>
/// <param name="RecordsOut">Updates its outputs produced.</param>
/// <param name="BatchesOut">Batches its outputs produced.</param>
/// <param name="Arrangement">The size of its trace and its compaction lag; null for an operator without one.</param>
/// <param name="Frontier">The minimal times of its inputs' frontiers; null for an operator not told its frontier.</param>
internal readonly record struct OperatorFigures(
    int Operator, long RecordsIn, long BatchesIn, long RecordsOut, long BatchesOut, ArrangementSize? Arrangement, FlatTime[]? Frontier)
{
    /// <summary>
    /// The figures of the same operator counted by two instances at one bucket (its own actor's, and a copy fused
    /// into a producer's activation): counts and sizes add up, the compaction lag is the greater, the frontier is the
    /// minimal times of both.
    /// </summary>
    public OperatorFigures Add(OperatorFigures other)
    {
        List<FlatTime>? frontier = null;
        if (Frontier is { } mine)
            AddMinimal(ref frontier, mine);
        if (other.Frontier is { } theirs)
            AddMinimal(ref frontier, theirs);
        return new OperatorFigures(
            Operator, RecordsIn + other.RecordsIn, BatchesIn + other.BatchesIn, RecordsOut + other.RecordsOut, BatchesOut + other.BatchesOut,
            Sum(Arrangement, other.Arrangement), frontier?.ToArray());
    }

    /// <summary>The sizes of two traces (of one operator at two buckets or instances) together, with the greater compaction lag.</summary>
    public static ArrangementSize? Sum(ArrangementSize? left, ArrangementSize? right)
    {
        if (left is not { } a)
            return right;
        if (right is not { } b)
            return a;
        var held = b.CompactionLag > a.CompactionLag ? b : a;
        return new ArrangementSize(a.Keys + b.Keys, a.Updates + b.Updates, a.Batches + b.Batches, held.CompactionLag, held.HeldBy);
    }

    /// <summary>
    /// Adds <paramref name="frontier"/> to the antichain <paramref name="times"/>: each time unless a time there is at
    /// or before it (times of another depth, which only a malformed report could mix in, are not compared).
    /// </summary>
    public static void AddMinimal(ref List<FlatTime>? times, IEnumerable<FlatTime> frontier)
    {
        times ??= [];
        foreach (var time in frontier)
        {
            if (times.Exists(t => t.Length == time.Length && FlatTime.LessEqual(t, time)))
                continue;
            times.RemoveAll(t => t.Length == time.Length && FlatTime.LessEqual(time, t));
            times.Add(time);
        }
    }
}
