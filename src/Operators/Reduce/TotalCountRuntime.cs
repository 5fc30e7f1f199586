using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Operators.Arrange;
using AkkaDifferential.Operators.Runtime;
using AkkaDifferential.Progress.Frontiers;
using AkkaDifferential.Runtime.Readers;

namespace AkkaDifferential.Operators.Reduce;

/// <summary>
/// What a function of a record's accumulated multiplicity emits when that multiplicity changes at a time: the output
/// of <c>Count</c> or <c>Threshold</c> over totally ordered times (<see cref="TotalCountRuntime{TKey, TTime, TDiff, TOut, TDiffOut, TChange}"/>).
/// </summary>
internal interface IAccumulationChange<TKey, TTime, TDiff, TOut, TDiffOut> where TTime : notnull
{
    /// <summary>Gives to <paramref name="output"/> the change of the output of <paramref name="key"/> at <paramref name="time"/>, where its multiplicity went from <paramref name="before"/> to <paramref name="after"/>.</summary>
    void Emit(TKey key, TDiff before, TDiff after, TTime time, OutputPort<TOut, TTime, TDiffOut> output);
}

/// <summary>
/// A reduction of each record's multiplicity (<c>Count</c>, <c>Threshold</c>, <c>Distinct</c>) over totally ordered
/// times, as differential dataflow's <c>count_total</c> and <c>threshold_total</c>: a batch of the arrangement covers
/// <c>[lower, upper)</c> and the trace before it holds every earlier update, so for each key of the batch the
/// multiplicity before the batch is the trace's sum less the batch's, and walking the key's updates in time order
/// gives the multiplicity at each of its times. The output at those times is emitted at once, while the batch is
/// processed: no pending times, no capability and no wait for the input frontier (the operator does not observe
/// frontiers), so a round costs a pass over its updates and one trace lookup per key, whatever the number of times.
/// </summary>
internal sealed class TotalCountRuntime<TKey, TTime, TDiff, TOut, TDiffOut, TChange> : OperatorRuntime<TTime>
    where TKey : notnull
    where TTime : notnull
    where TChange : struct, IAccumulationChange<TKey, TTime, TDiff, TOut, TDiffOut>
{
    private readonly OutputPort<TOut, TTime, TDiffOut> output;
    private readonly int arrangement;
    private readonly TChange change;
    private Antichain<TTime>? allowed;

    public TotalCountRuntime(InstanceEnvironment environment, TChange change) : base(environment)
    {
        this.change = change;
        output = CreateOutput<TOut, TDiffOut>(0);
        arrangement = environment.Node.Inputs[0].Operator;
    }

    protected override void OnBatch(int port, object batch)
    {
        var advanced = (TraceProtocol.Advanced<TKey, Unit, TTime, TDiff>)batch;
        var b = advanced.Batch;
        var reader = new TraceKeyReader<TKey, Unit, TTime, TDiff>(advanced.Trace);
        var keys = b.Keys;
        var keyOffsets = b.KeyOffsets;
        var valOffsets = b.ValOffsets;
        var times = b.Times;
        var diffs = b.Diffs;
        for (var k = 0; k < keys.Length; k++)
        {
            // A key-only arrangement has one value per key, its updates sorted by time.
            var first = valOffsets[keyOffsets[k]];
            var end = valOffsets[keyOffsets[k + 1]];
            var key = keys[k];
            var before = reader.Sum(key);
            for (var u = first; u < end; u++)
                before = Difference.Add(before, Difference.Negate(diffs[u]));
            for (var u = first; u < end; u++)
            {
                var after = Difference.Add(before, diffs[u]);
                change.Emit(key, before, after, times[u], output);
                before = after;
            }
        }
        // Only sums are read, and compaction up to the batch's upper keeps every sum: the arrangement may compact.
        if (!advanced.Upper.Equals(allowed))
        {
            allowed = advanced.Upper;
            SendToOperator(arrangement, new TraceProtocol.AllowCompaction<TTime>(ArrangedOutput<TKey, Unit, TTime, TDiff>.ReaderId(Operator, 0), advanced.Upper));
        }
    }
}

/// <summary><c>Count</c>'s change: the record's old count leaves, its new count enters (a zero count is no record).</summary>
internal readonly struct CountChange<TKey, TTime, TDiff> : IAccumulationChange<TKey, TTime, TDiff, (TKey Key, TDiff Count), long> where TTime : notnull
{
    public void Emit(TKey key, TDiff before, TDiff after, TTime time, OutputPort<(TKey Key, TDiff Count), TTime, long> output)
    {
        if (!Difference.IsZero(before))
            output.Give((key, before), time, -1);
        if (!Difference.IsZero(after))
            output.Give((key, after), time, +1);
    }
}

/// <summary><c>Threshold</c>'s change: the difference of the user function at the new and the old multiplicity (none at zero).</summary>
internal readonly struct ThresholdChange<TKey, TTime, TDiff, TDiffOut>(Func<TKey, TDiff, TDiffOut> threshold) : IAccumulationChange<TKey, TTime, TDiff, TKey, TDiffOut>
    where TTime : notnull
{
    public void Emit(TKey key, TDiff before, TDiff after, TTime time, OutputPort<TKey, TTime, TDiffOut> output)
    {
        var was = Difference.IsZero(before) ? Difference.Zero<TDiffOut>() : threshold(key, before);
        var now = Difference.IsZero(after) ? Difference.Zero<TDiffOut>() : threshold(key, after);
        var diff = Difference.Add(now, Difference.Negate(was));
        if (!Difference.IsZero(diff))
            output.Give(key, time, diff);
    }
}
