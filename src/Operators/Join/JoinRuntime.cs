using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Arrangements.Trace.Columns;
using AkkaDifferential.Operators.Arrange;
using AkkaDifferential.Operators.Runtime;
using AkkaDifferential.Runtime.Readers;

namespace AkkaDifferential.Operators.Join;

/// <summary>
/// The instance of a join at one bucket. Its two inputs are arrangements at the same bucket; each message brings a
/// new batch of one side and a snapshot of that side's whole trace. A new batch of one side is joined at once with
/// the other side's latest snapshot — the trace as of the batches of that side already processed — so every pair
/// of batches meets exactly once, and output is emitted without waiting for frontiers: a pair of updates
/// <c>(k, v1, t1, d1)</c>, <c>(k, v2, t2, d2)</c> yields <c>(result(k, v1, v2), t1 ⊔ t2, d1 · d2)</c>.
/// </summary>
/// <remarks>
/// Each side's trace may be compacted up to the other side's input frontier: every future batch of the other side has
/// times at or after it, and joining with times advanced to that frontier gives the same output times.
/// </remarks>
internal sealed class JoinRuntime<TKey, TVal1, TVal2, TOut, TTime, TDiff> : OperatorRuntime<TTime>
    where TTime : notnull
{
    private readonly Func<TKey, TVal1, TVal2, TOut> result;
    private readonly OutputPort<TOut, TTime, TDiff> output;
    private readonly int[] arrangements;
    private readonly Antichain<TTime>?[] allowed = new Antichain<TTime>?[2];
    private IReadOnlyList<TraceBatch<TKey, TVal1, TTime, TDiff>> trace1 = [];
    private IReadOnlyList<TraceBatch<TKey, TVal2, TTime, TDiff>> trace2 = [];
    private readonly List<(TVal2 Val, TTime Time, TDiff Diff)> matches2 = [];
    private readonly List<(TVal1 Val, TTime Time, TDiff Diff)> matches1 = [];

    public JoinRuntime(InstanceEnvironment environment, Func<TKey, TVal1, TVal2, TOut> result) : base(environment)
    {
        this.result = result;
        output = CreateOutput<TOut, TDiff>(0);
        arrangements = [.. environment.Node.Inputs.Select(i => i.Operator)];
    }

    protected override void OnBatch(int port, object batch)
    {
        if (port == 0)
        {
            var advanced = (TraceProtocol.Advanced<TKey, TVal1, TTime, TDiff>)batch;
            trace1 = advanced.Trace;
            var reader = new TraceKeyReader<TKey, TVal2, TTime, TDiff>(trace2);
            var b = advanced.Batch;
            ForEachKey(b.Keys, b.KeyOffsets, b.Vals, b.ValOffsets, b.Times, b.Diffs, reader, matches2,
                (key, v1, t1, d1, v2, t2, d2) => output.Give(result(key, v1, v2), Lattice.Join(t1, t2), Difference.Multiply(d1, d2)));
        }
        else
        {
            var advanced = (TraceProtocol.Advanced<TKey, TVal2, TTime, TDiff>)batch;
            trace2 = advanced.Trace;
            var reader = new TraceKeyReader<TKey, TVal1, TTime, TDiff>(trace1);
            var b = advanced.Batch;
            ForEachKey(b.Keys, b.KeyOffsets, b.Vals, b.ValOffsets, b.Times, b.Diffs, reader, matches1,
                (key, v2, t2, d2, v1, t1, d1) => output.Give(result(key, v1, v2), Lattice.Join(t1, t2), Difference.Multiply(d1, d2)));
        }
    }

    protected override void OnFrontierAdvanced()
    {
        // Side 0's trace is read only against future batches of side 1, and the other way round.
        AllowCompaction(arrangement: 0, InputFrontier(1));
        AllowCompaction(arrangement: 1, InputFrontier(0));
    }

    private void AllowCompaction(int arrangement, Antichain<TTime> frontier)
    {
        if (frontier.Equals(allowed[arrangement]))
            return;
        allowed[arrangement] = frontier;
        var reader = ArrangedOutput<TKey, TVal1, TTime, TDiff>.ReaderId(Operator, arrangement);
        SendToOperator(arrangements[arrangement], new TraceProtocol.AllowCompaction<TTime>(reader, frontier));
    }

    private delegate void PairAction<TThis, TOther>(TKey key, TThis v, TTime t, TDiff d, TOther otherVal, TTime otherTime, TDiff otherDiff);

    /// <summary>For every key of a new batch present in the other trace, every pair of their updates.</summary>
    private static void ForEachKey<TThis, TOther>(
        ReadOnlySpan<TKey> keys,
        OffsetColumn keyOffsets,
        Column<TThis> vals,
        OffsetColumn valOffsets,
        Column<TTime> times,
        Column<TDiff> diffs,
        TraceKeyReader<TKey, TOther, TTime, TDiff> other,
        List<(TOther Val, TTime Time, TDiff Diff)> matches,
        PairAction<TThis, TOther> pair)
    {
        for (var k = 0; k < keys.Length; k++)
        {
            matches.Clear();
            if (!other.Read(keys[k], matches))
                continue;
            for (var v = keyOffsets[k]; v < keyOffsets[k + 1]; v++)
                for (var u = valOffsets[v]; u < valOffsets[v + 1]; u++)
                    foreach (var (otherVal, otherTime, otherDiff) in matches)
                        pair(keys[k], vals[v], times[u], diffs[u], otherVal, otherTime, otherDiff);
        }
    }
}
