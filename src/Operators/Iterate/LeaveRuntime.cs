using AkkaDifferential.Arrangements.Updates;
using AkkaDifferential.Operators.Runtime;
using AkkaDifferential.Progress.Graph;

namespace AkkaDifferential.Operators.Iterate;

/// <summary>
/// Takes a collection out of a nested scope: an update at <c>(t, i)</c> becomes the same update at outer time
/// <c>t</c>, so the outer collection accumulates every iteration's changes — the fixed point.
/// </summary>
internal sealed class LeaveRuntime<TData, TOuter, TDiff> : OperatorRuntime<TOuter> where TOuter : notnull
{
    private readonly OutputPort<TData, TOuter, TDiff> output;
    private readonly ProgressBatcher<Product<TOuter, int>> innerProgress = new();

    public LeaveRuntime(InstanceEnvironment environment) : base(environment)
    {
        output = CreateOutput<TData, TDiff>(0);
        AddProgressSource(innerProgress);
    }

    protected override void OnBatch(int port, object batch)
    {
        var updates = (UpdateBatch<TData, Product<TOuter, int>, TDiff>)batch;
        var data = updates.Data;
        var times = updates.Times;
        var diffs = updates.Diffs;
        for (var i = 0; i < updates.Count; i++)
            output.Give(data[i], times[i].Outer, diffs[i]);
    }

    protected override IReadOnlyList<TOuter>? Consume(int port, RuntimeProtocol.IDelivery delivery)
    {
        foreach (var time in MessageTimes.Of<Product<TOuter, int>>(delivery))
            innerProgress.Update(Location.Target(Operator, port), time, -1);
        return null;
    }
}
