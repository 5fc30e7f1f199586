using System.Runtime.InteropServices;
using AkkaDifferential.Arrangements.Data;
using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Arrangements.Trace.Columns;
using AkkaDifferential.Operators.Arrange;
using AkkaDifferential.Operators.Runtime;
using AkkaDifferential.Progress.Frontiers;
using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Runtime.Readers;

namespace AkkaDifferential.Operators.Reduce;

/// <summary>
/// The instance of a reduction at one bucket, reading an arrangement by key at the same bucket. For each key it
/// keeps the times at which its output may change and has not yet been computed (the join closure of its input
/// times, see <see cref="JoinClosure"/>), holding capabilities at the least of them. When the input frontier passes
/// such a time, it applies the user logic to the key's input accumulated at that time and emits the difference
/// between that result and the output accumulated so far — so the output at every time equals the logic applied to
/// the input at that time.
/// <para>What it has emitted it keeps as a trace of its own (as differential dataflow's reduce does): columnar
/// batches in a <see cref="Spine{TKey, TVal, TTime, TDiff}"/>, compacted to the input frontier, read key by key
/// with a key reader beside the input trace — a few tens of bytes per output record rather than objects per key.</para>
/// </summary>
internal sealed class ReduceRuntime<TKey, TVal, TOut, TTime, TDiff, TDiffOut> : OperatorRuntime<TTime>
    where TKey : notnull
    where TVal : notnull
    where TTime : notnull
{
    /// <summary>Merge work done on the output trace per background step, in updates.</summary>
    private const long FuelPerStep = 100_000;

    private static readonly bool TotallyOrdered = Timestamp.Coordinates<TTime>() == 1;
    private readonly OutputPort<(TKey, TOut), TTime, TDiffOut> output;
    private readonly int arrangement;
    private readonly PendingKeys<TKey, TTime> pending = new();
    private readonly List<(TKey Key, TTime Time)> ready = [];
    private readonly List<TTime> times = [];
    private readonly List<(TVal Val, TTime Time, TDiff Diff)> history = [];
    private readonly KeyEvaluator<TKey, TVal, TOut, TTime, TDiff, TDiffOut> evaluator;
    private readonly Spine<TKey, TOut, TTime, TDiffOut> produced = new();
    private readonly TraceBatchBuilder<TKey, TOut, TTime, TDiffOut> producedBuilder = new();
    private IReadOnlyList<TraceBatch<TKey, TVal, TTime, TDiff>> trace = [];
    private readonly HeldCapabilities<TTime> capabilities;
    private Antichain<TTime>? allowed;
    private bool workRequested;

    public ReduceRuntime(InstanceEnvironment environment, ReduceLogic<TKey, TVal, TDiff, TOut, TDiffOut> logic) : base(environment)
    {
        evaluator = new(logic);
        output = CreateOutput<(TKey, TOut), TDiffOut>(0);
        arrangement = environment.Node.Inputs[0].Operator;
        capabilities = new HeldCapabilities<TTime>(Progress, Location.Source(Operator, 0));
    }

    protected override void OnBatch(int port, object batch)
    {
        var advanced = (TraceProtocol.Advanced<TKey, TVal, TTime, TDiff>)batch;
        trace = advanced.Trace;
        var frontier = InputFrontier(0);
        var b = advanced.Batch;
        var keys = b.Keys;
        var reader = TotallyOrdered ? null : new TraceKeyReader<TKey, TVal, TTime, TDiff>(trace);
        for (var k = 0; k < keys.Length; k++)
        {
            times.Clear();
            var key = keys[k];
            if (reader is null)
            {
                for (var u = b.ValOffsets[b.KeyOffsets[k]]; u < b.ValOffsets[b.KeyOffsets[k + 1]]; u++)
                    times.Add(b.Times[u]);
            }
            else
            {
                // With a partial order the output may also change at joins of the new times with the key's others:
                // the elements of the closure of its history that are ≥ a new time. The others are joins of older
                // times only, considered when those arrived; and a capability may only be taken at a time ≥ one the
                // operator holds or is processing (the new batch's), or it would hold back a frontier already passed.
                history.Clear();
                reader.Read(key, history);
                foreach (var update in history)
                    times.Add(update.Time);
                JoinClosure.Close(times);
                var first = b.ValOffsets[b.KeyOffsets[k]];
                var end = b.ValOffsets[b.KeyOffsets[k + 1]];
                var kept = 0;
                for (var i = 0; i < times.Count; i++)
                    if (AnyLessEqual(b.Times, first, end, times[i]))
                        times[kept++] = times[i];
                times.RemoveRange(kept, times.Count - kept);
            }
            foreach (var time in times)
                if (frontier.LessEqual(time))
                    pending.Add(key, time);
        }
        capabilities.HoldExactly(pending.Frontier, advanced.MinimalTimes);
    }

    /// <summary>True when one of the times <c>[first, end)</c> of <paramref name="fresh"/> is ≤ <paramref name="time"/>.</summary>
    private static bool AnyLessEqual(Column<TTime> fresh, int first, int end, TTime time)
    {
        for (var u = first; u < end; u++)
            if (Lattice.LessEqual(fresh[u], time))
                return true;
        return false;
    }

    protected override void OnFrontierAdvanced()
    {
        var frontier = InputFrontier(0);
        pending.TakeReady(frontier, ready);
        if (ready.Count > 0)
            EvaluateReady(frontier);
        capabilities.HoldExactly(pending.Frontier);
        if (!frontier.Equals(allowed))
        {
            allowed = frontier;
            var reader = ArrangedOutput<TKey, TVal, TTime, TDiff>.ReaderId(Operator, 0);
            SendToOperator(arrangement, new TraceProtocol.AllowCompaction<TTime>(reader, frontier));
        }
    }

    protected override void OnOtherMessage(object message)
    {
        if (message is not RuntimeProtocol.Work)
        {
            base.OnOtherMessage(message);
            return;
        }
        workRequested = false;
        produced.Work(FuelPerStep);
        ScheduleWork();
    }

    /// <summary>
    /// Evaluates every ready key at its ready times, in key order so that both traces are read forwards, and adds what
    /// was emitted to the output trace as one batch up to <paramref name="frontier"/>.
    /// </summary>
    private void EvaluateReady(Antichain<TTime> frontier)
    {
        var inputs = new TraceKeyReader<TKey, TVal, TTime, TDiff>(trace);
        var outputs = new TraceKeyReader<TKey, TOut, TTime, TDiffOut>(produced.Batches);
        for (var i = 0; i < ready.Count;)
        {
            var key = ready[i].Key;
            times.Clear();
            for (; i < ready.Count && DataOrder<TKey>.Compare(ready[i].Key, key) == 0; i++)
                times.Add(ready[i].Time);
            evaluator.Input.Clear();
            inputs.Read(key, evaluator.Input);
            evaluator.Output.Clear();
            outputs.Read(key, evaluator.Output);
            var emitted = evaluator.Evaluate(key, CollectionsMarshal.AsSpan(times));
            // Keys come in order: with each key's output sorted by value and time, the batch sealed below is already
            // sorted and its builder only checks that (sorting the key's few rows here is far cheaper than the round's).
            SpanSort.Sort(CollectionsMarshal.AsSpan(evaluator.Output)[emitted..], new EmittedOrder());
            for (var e = emitted; e < evaluator.Output.Count; e++)
            {
                var (value, time, diff) = evaluator.Output[e];
                output.Give((key, value), time, diff);
                producedBuilder.Push(key, value, time, diff);
            }
        }
        produced.Insert(producedBuilder.Seal(new Description<TTime>(produced.Upper, frontier, produced.Since)));
        // Later evaluations are at times in advance of the frontier, where compaction keeps every accumulation.
        if (!frontier.IsEmpty)
            produced.AdvanceSince(frontier);
        ScheduleWork();
    }

    private void ScheduleWork()
    {
        if (produced.HasPendingWork && !workRequested)
        {
            workRequested = true;
            RequestWork();
        }
    }

    private readonly struct EmittedOrder : IComparer<(TOut Val, TTime Time, TDiffOut Diff)>
    {
        public int Compare((TOut Val, TTime Time, TDiffOut Diff) x, (TOut Val, TTime Time, TDiffOut Diff) y)
        {
            var c = DataOrder<TOut>.Compare(x.Val, y.Val);
            return c != 0 ? c : Timestamp.Compare(x.Time, y.Time);
        }
    }
}
