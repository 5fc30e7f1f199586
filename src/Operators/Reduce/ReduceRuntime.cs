using AkkaDifferential.Arrangements.Data;
using AkkaDifferential.Arrangements.Readers;
using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Operators.Arrange;
using AkkaDifferential.Operators.Runtime;
using AkkaDifferential.Progress.Differences;
using AkkaDifferential.Progress.Frontiers;
using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Progress.Timestamps;

namespace AkkaDifferential.Operators.Reduce;

/// <summary>
/// The instance of a reduction at one bucket, reading an arrangement by key at the same bucket. For each key it
/// keeps the times at which its output may change and has not yet been computed (the join closure of its input
/// times, see <see cref="JoinClosure"/>), holding capabilities at the least of them. When the input frontier passes
/// such a time, it applies the user logic to the key's input accumulated at that time and emits the difference
/// between that result and the output accumulated so far — so the output at every time equals the logic applied to
/// the input at that time. Times are processed in an order that extends the partial order.
/// </summary>
internal sealed class ReduceRuntime<TKey, TVal, TOut, TTime, TDiff, TDiffOut> : OperatorRuntime<TTime>
    where TKey : notnull
    where TVal : notnull
    where TTime : notnull
{
    private readonly ReduceLogic<TKey, TVal, TDiff, TOut, TDiffOut> logic;
    private readonly OutputPort<(TKey, TOut), TTime, TDiffOut> output;
    private readonly int arrangement;
    // Pending evaluations, by time: the distinct pending times are few, the keys many, so a frontier change looks at
    // times only. Emptied dictionaries are replaced, since a Dictionary keeps scanning its largest size.
    private Dictionary<TTime, List<TKey>> keysByTime = [];
    private HashSet<(TKey Key, TTime Time)> pendingPairs = [];
    private readonly bool totallyOrdered = Timestamp.Coordinates<TTime>() == 1;
    private readonly Dictionary<TVal, TDiff> running = [];
    private readonly MutableAntichain<TTime> pendingTimes = new();
    private readonly Dictionary<TKey, OutputHistory<TOut, TTime, TDiffOut>> outputs = [];
    private readonly List<(TVal Val, TTime Time, TDiff Diff)> history = [];
    private readonly List<TTime> candidates = [];
    private readonly List<(TVal Value, TDiff Diff)> input = [];
    private readonly List<(TOut Value, TDiffOut Diff)> desired = [];
    private IReadOnlyList<TraceBatch<TKey, TVal, TTime, TDiff>> trace = [];
    private readonly HeldCapabilities<TTime> capabilities;
    private Antichain<TTime>? allowed;

    public ReduceRuntime(InstanceEnvironment environment, ReduceLogic<TKey, TVal, TDiff, TOut, TDiffOut> logic) : base(environment)
    {
        this.logic = logic;
        output = CreateOutput<(TKey, TOut), TDiffOut>(0);
        arrangement = environment.Node.Inputs[0].Operator;
        capabilities = new HeldCapabilities<TTime>(Progress, Location.Source(Operator, 0));
    }

    protected override void OnBatch(int port, object batch)
    {
        var advanced = (TraceProtocol.Advanced<TKey, TVal, TTime, TDiff>)batch;
        trace = advanced.Trace;
        var frontier = InputFrontier(0);
        var partial = Timestamp.Coordinates<TTime>() > 1;
        var cursor = partial ? new TraceCursor<TKey, TVal, TTime, TDiff>(trace) : null;
        var b = advanced.Batch;
        var keys = b.Keys;
        for (var k = 0; k < keys.Length; k++)
        {
            candidates.Clear();
            if (cursor is not null)
            {
                history.Clear();
                cursor.ReadKey(keys[k], history);
                foreach (var update in history)
                    candidates.Add(update.Time);
                JoinClosure.Close(candidates);
            }
            else
            {
                for (var u = b.ValOffsets[b.KeyOffsets[k]]; u < b.ValOffsets[b.KeyOffsets[k + 1]]; u++)
                    candidates.Add(b.Times[u]);
            }
            foreach (var time in candidates)
                if (frontier.LessEqual(time))
                    AddPending(keys[k], time);
        }
        capabilities.HoldExactly(pendingTimes.Frontier);
    }

    protected override void OnFrontierAdvanced()
    {
        var frontier = InputFrontier(0);
        if (TakeReady(frontier) is { } ready)
            EvaluateReady(ready, frontier);
        capabilities.HoldExactly(pendingTimes.Frontier);
        if (!frontier.Equals(allowed))
        {
            allowed = frontier;
            var reader = ArrangedOutput<TKey, TVal, TTime, TDiff>.ReaderId(Operator, 0);
            SendToOperator(arrangement, new TraceProtocol.AllowCompaction<TTime>(reader, frontier));
        }
    }

    /// <summary>Removes the pending times the frontier has passed; returns them by key, or null when there are none.</summary>
    private Dictionary<TKey, List<TTime>>? TakeReady(Antichain<TTime> frontier)
    {
        List<TTime>? due = null;
        foreach (var time in keysByTime.Keys)
            if (!frontier.LessEqual(time))
                (due ??= []).Add(time);
        if (due is null)
            return null;
        var ready = new Dictionary<TKey, List<TTime>>();
        foreach (var time in due)
        {
            foreach (var key in keysByTime[time])
            {
                if (!ready.TryGetValue(key, out var times))
                    ready[key] = times = [];
                times.Add(time);
                pendingPairs.Remove((key, time));
            }
            keysByTime.Remove(time);
            pendingTimes.Update(time, -1);
        }
        if (keysByTime.Count == 0)
        {
            keysByTime = [];
            pendingPairs = [];
        }
        return ready;
    }

    /// <summary>Evaluates every ready key at its ready times, in key order so that the trace is read forwards.</summary>
    private void EvaluateReady(Dictionary<TKey, List<TTime>> ready, Antichain<TTime> frontier)
    {
        var cursor = new TraceCursor<TKey, TVal, TTime, TDiff>(trace);
        var keys = ready.Keys.ToList();
        keys.Sort(static (a, b) => DataOrder<TKey>.Compare(a, b));
        foreach (var key in keys)
        {
            var times = ready[key];
            times.Sort(static (a, b) => Timestamp.Compare(a, b));
            history.Clear();
            cursor.ReadKey(key, history);
            if (totallyOrdered)
                EvaluateInOrder(key, times);
            else
                foreach (var time in times)
                    Evaluate(key, time, AccumulatedAt(time));
            if (outputs.TryGetValue(key, out var produced))
                produced.CompactIfLarge(frontier);
        }
    }

    /// <summary>
    /// Evaluates a key at ascending times of a total order: the history is sorted by time once and its
    /// accumulation advanced from one time to the next, instead of re-summed for each.
    /// </summary>
    private void EvaluateInOrder(TKey key, List<TTime> times)
    {
        history.Sort(static (a, b) => Timestamp.Compare(a.Time, b.Time));
        running.Clear();
        var next = 0;
        foreach (var time in times)
        {
            for (; next < history.Count && Lattice.LessEqual(history[next].Time, time); next++)
                running[history[next].Val] = Difference.Add(running.GetValueOrDefault(history[next].Val, Difference.Zero<TDiff>()), history[next].Diff);
            input.Clear();
            foreach (var (val, diff) in running)
                if (!Difference.IsZero(diff))
                    input.Add((val, diff));
            input.Sort(static (a, b) => DataOrder<TVal>.Compare(a.Value, b.Value));
            Evaluate(key, time, input);
        }
    }

    /// <summary>The key's input accumulated at <paramref name="time"/>: distinct values, sorted, with non-zero sums.</summary>
    private List<(TVal Value, TDiff Diff)> AccumulatedAt(TTime time)
    {
        input.Clear();
        foreach (var (val, when, diff) in history)
            if (Lattice.LessEqual(when, time))
                input.Add((val, diff));
        Accumulate(input, static (a, b) => DataOrder<TVal>.Compare(a.Value, b.Value), static (a, b) => (a.Value, Difference.Add(a.Diff, b.Diff)), static x => Difference.IsZero(x.Diff));
        return input;
    }

    /// <summary>Emits, at <paramref name="time"/>, the logic's result on the key's input at that time minus the output so far.</summary>
    private void Evaluate(TKey key, TTime time, List<(TVal Value, TDiff Diff)> accumulated)
    {
        desired.Clear();
        if (accumulated.Count > 0)
            logic(key, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(accumulated), desired);
        if (!outputs.TryGetValue(key, out var produced))
            outputs[key] = produced = new OutputHistory<TOut, TTime, TDiffOut>();
        produced.AddNegatedAccumulation(time, desired);
        Accumulate(desired, static (a, b) => DataOrder<TOut>.Compare(a.Value, b.Value), static (a, b) => (a.Value, Difference.Add(a.Diff, b.Diff)), static x => Difference.IsZero(x.Diff));
        foreach (var (value, diff) in desired)
        {
            output.Give((key, value), time, diff);
            produced.Add(value, time, diff);
        }
    }

    /// <summary>Sorts <paramref name="items"/>, sums runs of equal items and drops zeros.</summary>
    private static void Accumulate<T>(List<T> items, Comparison<T> compare, Func<T, T, T> add, Func<T, bool> isZero)
    {
        items.Sort(compare);
        var write = 0;
        for (var read = 0; read < items.Count;)
        {
            var sum = items[read++];
            while (read < items.Count && compare(sum, items[read]) == 0)
                sum = add(sum, items[read++]);
            if (!isZero(sum))
                items[write++] = sum;
        }
        items.RemoveRange(write, items.Count - write);
    }

    private void AddPending(TKey key, TTime time)
    {
        if (!pendingPairs.Add((key, time)))
            return;
        if (!keysByTime.TryGetValue(time, out var keys))
        {
            keysByTime[time] = keys = [];
            pendingTimes.Update(time, +1);
        }
        keys.Add(key);
    }
}
