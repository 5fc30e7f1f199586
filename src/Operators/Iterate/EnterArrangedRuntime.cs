using AkkaDifferential.Arrangements.Readers;
using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Operators.Arrange;
using AkkaDifferential.Operators.Runtime;
using AkkaDifferential.Progress.Frontiers;
using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Runtime.Readers;

namespace AkkaDifferential.Operators.Iterate;

/// <summary>
/// An arrangement brought into a nested scope at one bucket: every batch of the outer trace is presented with its
/// times <c>t</c> as <c>(t, 0)</c>. Keys, values and differences are shared with the outer batches (only the
/// times are mapped, once per batch), so a loop can join against a large outer arrangement without copying it.
/// The inner readers' compaction frontiers are passed on to the outer arrangement, projected to outer times.
/// </summary>
internal sealed class EnterArrangedRuntime<TKey, TVal, TOuter, TDiff> : OperatorRuntime<Product<TOuter, int>> where TOuter : notnull
{
    private readonly ArrangedOutput<TKey, TVal, Product<TOuter, int>, TDiff> output;
    private readonly ProgressBatcher<TOuter> outerProgress = new();
    private readonly ReaderFrontiers<Product<TOuter, int>> readers = new();
    private readonly int source;
    // The inner form of each batch of the latest outer snapshot (batches compare by reference).
    private Dictionary<TraceBatch<TKey, TVal, TOuter, TDiff>, TraceBatch<TKey, TVal, Product<TOuter, int>, TDiff>> entered = [];
    private Antichain<TOuter>? forwarded;

    public EnterArrangedRuntime(InstanceEnvironment environment, ArrangedOutput<TKey, TVal, Product<TOuter, int>, TDiff> output) : base(environment)
    {
        this.output = output;
        source = environment.Node.Inputs[0].Operator;
        AddProgressSource(outerProgress);
        foreach (var (op, port) in output.Readers)
            readers.Register(ArrangedOutput<TKey, TVal, Product<TOuter, int>, TDiff>.ReaderId(op, port), Antichain<Product<TOuter, int>>.From(Timestamp.Minimum<Product<TOuter, int>>()));
    }

    protected override void OnBatch(int port, object batch)
    {
        var advanced = (TraceProtocol.Advanced<TKey, TVal, TOuter, TDiff>)batch;
        var next = new Dictionary<TraceBatch<TKey, TVal, TOuter, TDiff>, TraceBatch<TKey, TVal, Product<TOuter, int>, TDiff>>();
        var trace = new TraceBatch<TKey, TVal, Product<TOuter, int>, TDiff>[advanced.Trace.Count];
        for (var i = 0; i < trace.Length; i++)
        {
            var outer = advanced.Trace[i];
            trace[i] = entered.TryGetValue(outer, out var known) ? known : Enter(outer);
            next[outer] = trace[i];
        }
        entered = next;
        var batchInside = entered.TryGetValue(advanced.Batch, out var b) ? b : Enter(advanced.Batch);
        output.Send(new TraceProtocol.Advanced<TKey, TVal, Product<TOuter, int>, TDiff>(batchInside, trace, Lift(advanced.Upper)), this);
    }

    protected override IReadOnlyList<Product<TOuter, int>>? Consume(int port, RuntimeProtocol.IDelivery delivery)
    {
        foreach (var time in MessageTimes.Of<TOuter>(delivery))
            outerProgress.Update(Location.Target(Operator, port), time, -1);
        return null;
    }

    protected override void OnOtherMessage(object message)
    {
        if (message is not TraceProtocol.AllowCompaction<Product<TOuter, int>> allow)
        {
            base.OnOtherMessage(message);
            return;
        }
        readers.Advance(allow.ReaderId, allow.Frontier);
        // An inner reader reading at (t, i) needs the outer trace correct at t: project to the outer coordinate.
        var since = new Antichain<TOuter>(readers.Since(whenUnread: new Antichain<Product<TOuter, int>>()).Elements.Select(t => t.Outer));
        if (since.Equals(forwarded))
            return;
        forwarded = since;
        SendToOperator(source, new TraceProtocol.AllowCompaction<TOuter>(ArrangedOutput<TKey, TVal, TOuter, TDiff>.ReaderId(Operator, 0), since));
    }

    private static TraceBatch<TKey, TVal, Product<TOuter, int>, TDiff> Enter(TraceBatch<TKey, TVal, TOuter, TDiff> batch) =>
        batch.MapTimes(static t => new Product<TOuter, int>(t, 0),
            new Description<Product<TOuter, int>>(Lift(batch.Description.Lower), Lift(batch.Description.Upper), Lift(batch.Description.Since)));

    private static Antichain<Product<TOuter, int>> Lift(Antichain<TOuter> frontier) => new(frontier.Elements.Select(t => new Product<TOuter, int>(t, 0)));
}
