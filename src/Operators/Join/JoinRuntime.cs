using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Operators.Arrange;
using AkkaDifferential.Operators.Runtime;
using AkkaDifferential.Runtime.Readers;

namespace AkkaDifferential.Operators.Join;

/// <summary>
/// The instance of a join at one bucket. Its two inputs are arrangements at the same bucket; each message brings a
/// new batch of one side and a snapshot of that side's whole trace. A new batch of one side is joined with the other
/// side's latest snapshot — the trace as of the batches of that side already processed — so every pair of batches
/// meets exactly once, and output is emitted without waiting for frontiers: a pair of updates
/// <c>(k, v1, t1, d1)</c>, <c>(k, v2, t2, d2)</c> yields <c>(result(k, v1, v2), t1 ⊔ t2, d1 · d2)</c>.
/// </summary>
/// <remarks>
/// <para>An activation produces at most <see cref="DataflowSettings.JoinFuel"/> output updates, as differential
/// dataflow's join spends a fuel budget per activation. A batch with more matches (a join's first evaluation: every
/// pair of the two sides' updates of a key) stays queued as <see cref="DeferredJoin{TTime}"/> work, in arrival order,
/// with a capability at the batch's times; the join sends what it produced, asks itself by message to go on, and
/// continues in the next activation, so other messages and actors run in between and no activation builds an
/// output without bound.</para>
/// <para>Each side's trace may be compacted up to the other side's input frontier: every future batch of the other side has
/// times at or after it, and joining with times advanced to that frontier gives the same output times. Deferred work
/// reads the snapshot it was given, whose batches compaction does not change.</para>
/// </remarks>
internal sealed class JoinRuntime<TKey, TVal1, TVal2, TOut, TTime, TDiff> : OperatorRuntime<TTime>
    where TTime : notnull
{
    private readonly int[] arrangements;
    private readonly Antichain<TTime>?[] allowed = new Antichain<TTime>?[2];
    private readonly int fuel;
    private readonly Queue<DeferredJoin<TTime>> deferred = new();
    private readonly DeferredJoin<TKey, TVal1, TVal2, TTime, TDiff>.Pair leftPairs;
    private readonly DeferredJoin<TKey, TVal2, TVal1, TTime, TDiff>.Pair rightPairs;
    private IReadOnlyList<TraceBatch<TKey, TVal1, TTime, TDiff>> trace1 = [];
    private IReadOnlyList<TraceBatch<TKey, TVal2, TTime, TDiff>> trace2 = [];
    private bool workRequested;

    public JoinRuntime(InstanceEnvironment environment, Func<TKey, TVal1, TVal2, TOut> result) : base(environment)
    {
        var output = CreateOutput<TOut, TDiff>(0);
        arrangements = [.. environment.Node.Inputs.Select(i => i.Operator)];
        fuel = environment.Settings.JoinFuel ?? int.MaxValue;
        leftPairs = (key, v1, t1, d1, v2, t2, d2) => output.Give(result(key, v1, v2), Lattice.Join(t1, t2), Difference.Multiply(d1, d2));
        rightPairs = (key, v2, t2, d2, v1, t1, d1) => output.Give(result(key, v1, v2), Lattice.Join(t1, t2), Difference.Multiply(d1, d2));
    }

    protected override void OnBatch(int port, object batch)
    {
        if (port == 0)
        {
            var advanced = (TraceProtocol.Advanced<TKey, TVal1, TTime, TDiff>)batch;
            trace1 = advanced.Trace;
            if (advanced.Batch.KeyCount > 0 && trace2.Count > 0)
                Defer(new DeferredJoin<TKey, TVal1, TVal2, TTime, TDiff>(advanced.Batch, trace2, advanced.MinimalTimes, leftPairs));
        }
        else
        {
            var advanced = (TraceProtocol.Advanced<TKey, TVal2, TTime, TDiff>)batch;
            trace2 = advanced.Trace;
            if (advanced.Batch.KeyCount > 0 && trace1.Count > 0)
                Defer(new DeferredJoin<TKey, TVal2, TVal1, TTime, TDiff>(advanced.Batch, trace1, advanced.MinimalTimes, rightPairs));
        }
        Work();
    }

    protected override void OnOtherMessage(object message)
    {
        if (message is not RuntimeProtocol.Work)
        {
            base.OnOtherMessage(message);
            return;
        }
        workRequested = false;
        Work();
    }

    protected override void OnFrontierAdvanced()
    {
        // Side 0's trace is read only against future batches of side 1, and the other way round.
        AllowCompaction(arrangement: 0, InputFrontier(1));
        AllowCompaction(arrangement: 1, InputFrontier(0));
    }

    /// <summary>Queues the join of a new batch, holding a capability at its times (the batch being processed's) until it is done.</summary>
    private void Defer(DeferredJoin<TTime> work)
    {
        foreach (var time in work.Capability)
            Hold(0, time);
        deferred.Enqueue(work);
    }

    /// <summary>Produces up to <see cref="fuel"/> output updates of the queued work, oldest first, and asks for another activation if some remains.</summary>
    private void Work()
    {
        var left = fuel;
        while (left > 0 && deferred.TryPeek(out var work))
        {
            left -= work.Work(left);
            if (!work.Done)
                break;
            deferred.Dequeue();
            foreach (var time in work.Capability)
                Release(0, time);
        }
        if (deferred.Count > 0 && !workRequested)
        {
            workRequested = true;
            RequestWork();
        }
    }

    private void AllowCompaction(int arrangement, Antichain<TTime> frontier)
    {
        if (frontier.Equals(allowed[arrangement]))
            return;
        allowed[arrangement] = frontier;
        var reader = ArrangedOutput<TKey, TVal1, TTime, TDiff>.ReaderId(Operator, arrangement);
        SendToOperator(arrangements[arrangement], new TraceProtocol.AllowCompaction<TTime>(reader, frontier));
    }
}
