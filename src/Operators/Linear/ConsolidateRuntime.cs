using AkkaDifferential.Arrangements.Updates;
using AkkaDifferential.Operators.Runtime;

namespace AkkaDifferential.Operators.Linear;

/// <summary>
/// The instance of <c>Consolidate</c>: buffers its input per time, holding a capability for each buffered time,
/// and once the input frontier has passed a time emits the consolidated updates of that time and releases the
/// capability. Its input is exchanged by record, so equal records meet in one bucket and cancel there.
/// </summary>
internal sealed class ConsolidateRuntime<TData, TTime, TDiff> : OperatorRuntime<TTime> where TTime : notnull
{
    private readonly Dictionary<TTime, UpdateBuilder<TData, TTime, TDiff>> pending = [];
    private readonly OutputPort<TData, TTime, TDiff> output;

    public ConsolidateRuntime(InstanceEnvironment environment) : base(environment) => output = CreateOutput<TData, TDiff>(0);

    protected override void OnBatch(int port, object batch)
    {
        var updates = (UpdateBatch<TData, TTime, TDiff>)batch;
        var data = updates.Data;
        var times = updates.Times;
        var diffs = updates.Diffs;
        for (var i = 0; i < updates.Count; i++)
        {
            if (!pending.TryGetValue(times[i], out var builder))
            {
                pending[times[i]] = builder = new UpdateBuilder<TData, TTime, TDiff>();
                Hold(0, times[i]);
            }
            builder.Add(data[i], times[i], diffs[i]);
        }
    }

    protected override void OnFrontierAdvanced()
    {
        var frontier = InputFrontier(0);
        List<TTime>? done = null;
        foreach (var (time, builder) in pending)
        {
            if (frontier.LessEqual(time))
                continue;
            builder.Consolidate();
            output.GiveBatch(builder.Build());
            Release(0, time);
            (done ??= []).Add(time);
        }
        if (done is not null)
            foreach (var time in done)
                pending.Remove(time);
    }
}
