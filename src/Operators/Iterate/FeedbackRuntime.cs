using AkkaDifferential.Operators.Runtime;

namespace AkkaDifferential.Operators.Iterate;

/// <summary>
/// The feedback edge of a loop: updates at <c>(t, i)</c> come back around as updates at <c>(t, i + 1)</c>. They
/// are consolidated first — held until the input frontier passes <c>(t, i)</c>, with equal records meeting in one
/// bucket — so that changes that cancel out stop circulating and the loop reaches its fixed point. An optional
/// bound on the iteration fails the dataflow when a loop does not converge.
/// </summary>
internal sealed class FeedbackRuntime<TData, TOuter, TDiff> : OperatorRuntime<Product<TOuter, int>> where TOuter : notnull
{
    private readonly PendingByTime<TData, Product<TOuter, int>, TDiff> pending = new();
    private readonly OutputPort<TData, Product<TOuter, int>, TDiff> output;
    private readonly int? maxIterations;
    private readonly string variable;

    public FeedbackRuntime(InstanceEnvironment environment, int? maxIterations, string variable) : base(environment)
    {
        output = CreateOutput<TData, TDiff>(0);
        this.maxIterations = maxIterations;
        this.variable = variable;
    }

    protected override void OnBatch(int port, object batch) =>
        pending.Add((UpdateBatch<TData, Product<TOuter, int>, TDiff>)batch, time => Hold(0, Next(time)));

    protected override void OnFrontierAdvanced()
    {
        var frontier = InputFrontier(0);
        foreach (var (time, updates) in pending.TakeComplete(time => !frontier.LessEqual(time)))
        {
            var next = Next(time);
            if (updates.Count > 0 && maxIterations is { } bound && next.Inner > bound)
                throw new InvalidOperationException(
                    $"Loop '{variable}' did not reach a fixed point within {bound} iterations (outer time {time.Outer}): its body keeps changing the collection.");
            var data = updates.Data;
            var diffs = updates.Diffs;
            for (var i = 0; i < updates.Count; i++)
                output.Give(data[i], next, diffs[i]);
            Release(0, next);
        }
    }

    private static Product<TOuter, int> Next(Product<TOuter, int> time) => time with { Inner = checked(time.Inner + 1) };
}
