using AkkaDifferential.Operators.Runtime;

namespace AkkaDifferential.Operators.Linear;

/// <summary>
/// The instance of <c>Consolidate</c>: buffers its input per time, holding a capability for each buffered time,
/// and once the input frontier has passed a time emits the consolidated updates of that time and releases the
/// capability. Its input is exchanged by record, so equal records meet in one bucket and cancel there.
/// </summary>
internal sealed class ConsolidateRuntime<TData, TTime, TDiff> : OperatorRuntime<TTime> where TTime : notnull
{
    private readonly PendingByTime<TData, TTime, TDiff> pending = new();
    private readonly OutputPort<TData, TTime, TDiff> output;

    public ConsolidateRuntime(InstanceEnvironment environment) : base(environment) => output = CreateOutput<TData, TDiff>(0);

    protected override void OnBatch(int port, object batch) =>
        pending.Add((UpdateBatch<TData, TTime, TDiff>)batch, time => Hold(0, time));

    protected override void OnFrontierAdvanced()
    {
        var frontier = InputFrontier(0);
        foreach (var (time, updates) in pending.TakeComplete(time => !frontier.LessEqual(time)))
        {
            output.GiveBatch(updates);
            Release(0, time);
        }
    }
}
