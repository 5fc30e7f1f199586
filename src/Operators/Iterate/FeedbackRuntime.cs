using AkkaDifferential.Arrangements.Updates;
using AkkaDifferential.Operators.Runtime;
using AkkaDifferential.Progress.Timestamps;

namespace AkkaDifferential.Operators.Iterate;

/// <summary>
/// The feedback edge of a loop: updates at <c>(t, i)</c> come back around as updates at <c>(t, i + 1)</c>. They
/// are consolidated first — held until the input frontier passes <c>(t, i)</c>, with equal records meeting in one
/// bucket — so that changes that cancel out stop circulating and the loop reaches its fixed point. An optional
/// bound on the iteration fails the dataflow when a loop does not converge.
/// </summary>
internal sealed class FeedbackRuntime<TData, TOuter, TDiff> : OperatorRuntime<Product<TOuter, int>> where TOuter : notnull
{
    private readonly Dictionary<Product<TOuter, int>, UpdateBuilder<TData, Product<TOuter, int>, TDiff>> pending = [];
    private readonly OutputPort<TData, Product<TOuter, int>, TDiff> output;
    private readonly int? maxIterations;
    private readonly string variable;

    public FeedbackRuntime(InstanceEnvironment environment, int? maxIterations, string variable) : base(environment)
    {
        output = CreateOutput<TData, TDiff>(0);
        this.maxIterations = maxIterations;
        this.variable = variable;
    }

    protected override void OnBatch(int port, object batch)
    {
        var updates = (UpdateBatch<TData, Product<TOuter, int>, TDiff>)batch;
        var data = updates.Data;
        var times = updates.Times;
        var diffs = updates.Diffs;
        for (var i = 0; i < updates.Count; i++)
        {
            if (!pending.TryGetValue(times[i], out var builder))
            {
                pending[times[i]] = builder = new UpdateBuilder<TData, Product<TOuter, int>, TDiff>();
                Hold(0, Next(times[i]));
            }
            builder.Add(data[i], times[i], diffs[i]);
        }
    }

    protected override void OnFrontierAdvanced()
    {
        var frontier = InputFrontier(0);
        List<Product<TOuter, int>>? done = null;
        foreach (var (time, builder) in pending)
        {
            if (frontier.LessEqual(time))
                continue;
            builder.Consolidate();
            if (builder.Count > 0)
            {
                var next = Next(time);
                if (maxIterations is { } bound && next.Inner > bound)
                    throw new InvalidOperationException(
                        $"Loop '{variable}' did not reach a fixed point within {bound} iterations (outer time {time.Outer}): its body keeps changing the collection.");
                var batch = builder.Build();
                for (var i = 0; i < batch.Count; i++)
                    output.Give(batch.Data[i], next, batch.Diffs[i]);
            }
            Release(0, Next(time));
            (done ??= []).Add(time);
        }
        if (done is not null)
            foreach (var time in done)
                pending.Remove(time);
    }

    private static Product<TOuter, int> Next(Product<TOuter, int> time) => time with { Inner = checked(time.Inner + 1) };
}
