using AkkaDifferential.Operators.Runtime;
using AkkaDifferential.Runtime.Readers;

namespace AkkaDifferential.Operators.Arrange;

/// <summary>
/// The instance of <c>AsCollection</c> at one bucket: turns each new batch of the arrangement at this bucket back
/// into updates, one per <c>(key, value, time)</c>, through the mapping function. It never reads the trace's
/// history — only the batches as they arrive, which replay that history first for an imported arrangement — so
/// it lets the trace compact up to its input frontier as soon as that moves.
/// </summary>
internal sealed class AsCollectionRuntime<TKey, TVal, TOut, TTime, TDiff> : OperatorRuntime<TTime> where TTime : notnull
{
    private readonly Func<TKey, TVal, TOut> map;
    private readonly OutputPort<TOut, TTime, TDiff> output;
    private readonly int arrangement;
    private Antichain<TTime>? allowed;

    public AsCollectionRuntime(InstanceEnvironment environment, Func<TKey, TVal, TOut> map) : base(environment)
    {
        this.map = map;
        output = CreateOutput<TOut, TDiff>(0);
        arrangement = environment.Node.Inputs[0].Operator;
    }

    protected override void OnBatch(int port, object batch)
    {
        var b = ((TraceProtocol.Advanced<TKey, TVal, TTime, TDiff>)batch).Batch;
        var keys = b.Keys;
        var keyOffsets = b.KeyOffsets;
        var vals = b.Vals;
        var valOffsets = b.ValOffsets;
        var times = b.Times;
        var diffs = b.Diffs;
        for (var k = 0; k < keys.Length; k++)
        {
            var key = keys[k];
            for (var v = keyOffsets[k]; v < keyOffsets[k + 1]; v++)
            {
                var record = map(key, vals[v]);
                for (var u = valOffsets[v]; u < valOffsets[v + 1]; u++)
                    output.Give(record, times[u], diffs[u]);
            }
        }
    }

    protected override void OnFrontierAdvanced()
    {
        var frontier = InputFrontier(0);
        if (frontier.Equals(allowed))
            return;
        allowed = frontier;
        SendToOperator(arrangement, new TraceProtocol.AllowCompaction<TTime>(ArrangedOutput<TKey, TVal, TTime, TDiff>.ReaderId(Operator, 0), frontier));
    }
}
