using AkkaDifferential.Arrangements.Updates;
using AkkaDifferential.Operators.Runtime;
using AkkaDifferential.Progress.Graph;

namespace AkkaDifferential.Operators.Iterate;

/// <summary>
/// Brings a collection into a nested scope: an update at outer time <c>t</c> becomes the same update at
/// <c>(t, 0)</c>. Its input is counted in outer times, its output in inner times.
/// </summary>
internal sealed class EnterRuntime<TData, TOuter, TDiff> : OperatorRuntime<Product<TOuter, int>> where TOuter : notnull
{
    private readonly OutputPort<TData, Product<TOuter, int>, TDiff> output;
    private readonly ProgressBatcher<TOuter> outerProgress = new();

    public EnterRuntime(InstanceEnvironment environment) : base(environment)
    {
        output = CreateOutput<TData, TDiff>(0);
        AddProgressSource(outerProgress);
    }

    protected override void OnBatch(int port, object batch)
    {
        var updates = (UpdateBatch<TData, TOuter, TDiff>)batch;
        var data = updates.Data;
        var times = updates.Times;
        var diffs = updates.Diffs;
        for (var i = 0; i < updates.Count; i++)
            output.Give(data[i], new Product<TOuter, int>(times[i], 0), diffs[i]);
    }

    protected override IReadOnlyList<Product<TOuter, int>>? Consume(int port, RuntimeProtocol.IDelivery delivery)
    {
        foreach (var time in MessageTimes.Of<TOuter>(delivery))
            outerProgress.Update(Location.Target(Operator, port), time, -1);
        return null;
    }
}
