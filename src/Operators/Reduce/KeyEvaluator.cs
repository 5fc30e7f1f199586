using System.Runtime.InteropServices;
using AkkaDifferential.Arrangements.Data;

namespace AkkaDifferential.Operators.Reduce;

/// <summary>
/// Evaluates one key of a reduction at some of its times. The caller fills <see cref="Input"/> with the key's input
/// history and <see cref="Output"/> with the output the reduction has produced for it so far; for each time, in an
/// order that extends the partial order, the evaluator applies the logic to the input accumulated at that time and
/// appends to <see cref="Output"/> the difference between that result and the output accumulated at that time.
/// </summary>
internal sealed class KeyEvaluator<TKey, TVal, TOut, TTime, TDiff, TDiffOut>(ReduceLogic<TKey, TVal, TDiff, TOut, TDiffOut> logic)
    where TTime : notnull
{
    private static readonly bool TotallyOrdered = Timestamp.Coordinates<TTime>() == 1;
    private readonly List<(TVal Value, TDiff Diff)> accumulated = [];
    private readonly SortedSums<TVal, TDiff> running = new();
    private readonly SortedSums<TOut, TDiffOut> produced = new();
    private readonly List<(TOut Value, TDiffOut Diff)> desired = [];

    /// <summary>The key's input updates, in any order.</summary>
    public List<(TVal Val, TTime Time, TDiff Diff)> Input { get; } = [];

    /// <summary>The key's output updates so far; <see cref="Evaluate"/> appends what it emits.</summary>
    public List<(TOut Val, TTime Time, TDiffOut Diff)> Output { get; } = [];

    /// <summary>Evaluates <paramref name="key"/> at <paramref name="times"/>, sorted by <see cref="Timestamp.Compare{T}"/>; returns where its emissions start in <see cref="Output"/>.</summary>
    public int Evaluate(TKey key, ReadOnlySpan<TTime> times)
    {
        var emitted = Output.Count;
        if (TotallyOrdered)
            EvaluateInOrder(key, times);
        else
            foreach (var time in times)
                EvaluateAt(key, time);
        return emitted;
    }

    /// <summary>
    /// For a total order, every update before the time being evaluated counts: the input is sorted by time once and its
    /// accumulation advanced from one time to the next, and the output's accumulation is kept as emitted.
    /// </summary>
    private void EvaluateInOrder(TKey key, ReadOnlySpan<TTime> times)
    {
        SpanSort.Sort(CollectionsMarshal.AsSpan(Input), new ByTime());
        running.Clear();
        produced.Clear();
        foreach (var (value, _, diff) in Output)
            produced.Add(value, diff);
        var next = 0;
        foreach (var time in times)
        {
            for (; next < Input.Count && Timestamp.Compare(Input[next].Time, time) <= 0; next++)
                running.Add(Input[next].Val, Input[next].Diff);
            desired.Clear();
            if (!running.Items.IsEmpty)
                logic(key, running.Items, desired);
            foreach (var (value, diff) in produced.Items)
                desired.Add((value, Difference.Negate(diff)));
            foreach (var (value, diff) in Consolidated<TOut, TDiffOut, ByValue>(desired))
            {
                Output.Add((value, time, diff));
                produced.Add(value, diff);
            }
        }
    }

    /// <summary>For a partial order, accumulates the input and output updates at times ≤ <paramref name="time"/>.</summary>
    private void EvaluateAt(TKey key, TTime time)
    {
        accumulated.Clear();
        foreach (var (value, when, diff) in Input)
            if (Lattice.LessEqual(when, time))
                accumulated.Add((value, diff));
        var input = Consolidated<TVal, TDiff, ByInputValue>(accumulated);
        desired.Clear();
        if (!input.IsEmpty)
            logic(key, input, desired);
        var count = Output.Count;
        for (var i = 0; i < count; i++)
            if (Lattice.LessEqual(Output[i].Time, time))
                desired.Add((Output[i].Val, Difference.Negate(Output[i].Diff)));
        foreach (var (value, diff) in Consolidated<TOut, TDiffOut, ByValue>(desired))
            Output.Add((value, time, diff));
    }

    /// <summary>Sorts <paramref name="items"/> by value, sums equal values and drops zeros, in place.</summary>
    private static ReadOnlySpan<(TValue Value, TSum Diff)> Consolidated<TValue, TSum, TOrder>(List<(TValue Value, TSum Diff)> items)
        where TOrder : struct, IComparer<(TValue Value, TSum Diff)>
    {
        var span = CollectionsMarshal.AsSpan(items);
        if (span.Length > 1)
            SpanSort.Sort(span, default(TOrder));
        var write = 0;
        for (var read = 0; read < span.Length;)
        {
            var (value, sum) = span[read++];
            while (read < span.Length && DataOrder<TValue>.Compare(value, span[read].Value) == 0)
                sum = Difference.Add(sum, span[read++].Diff);
            if (!Difference.IsZero(sum))
                span[write++] = (value, sum);
        }
        return span[..write];
    }

    private readonly struct ByTime : IComparer<(TVal Val, TTime Time, TDiff Diff)>
    {
        public int Compare((TVal Val, TTime Time, TDiff Diff) x, (TVal Val, TTime Time, TDiff Diff) y) => Timestamp.Compare(x.Time, y.Time);
    }

    private readonly struct ByInputValue : IComparer<(TVal Value, TDiff Diff)>
    {
        public int Compare((TVal Value, TDiff Diff) x, (TVal Value, TDiff Diff) y) => DataOrder<TVal>.Compare(x.Value, y.Value);
    }

    private readonly struct ByValue : IComparer<(TOut Value, TDiffOut Diff)>
    {
        public int Compare((TOut Value, TDiffOut Diff) x, (TOut Value, TDiffOut Diff) y) => DataOrder<TOut>.Compare(x.Value, y.Value);
    }
}
