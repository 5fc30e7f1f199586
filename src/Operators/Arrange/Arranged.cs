using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Operators.Arrange;
using AkkaDifferential.Operators.Builder;
using AkkaDifferential.Operators.Exchange;
using AkkaDifferential.Operators.Iterate;
using AkkaDifferential.Operators.Join;
using AkkaDifferential.Operators.Reduce;
using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Runtime.Readers;

namespace AkkaDifferential;

/// <summary>
/// A collection arranged by key: at every bucket, an arrangement actor holds the indexed, compacting trace of the
/// updates whose keys hash to that bucket. Joins and reductions read it by reference; several operators, and other
/// dataflows through <see cref="Trace"/>, can share one arrangement instead of each keeping its own copy.
/// </summary>
public sealed class Arranged<TKey, TVal, TTime, TDiff> where TKey : notnull where TVal : notnull where TTime : notnull
{
    private readonly OutputSpec<TraceProtocol.Advanced<TKey, TVal, TTime, TDiff>> spec;

    internal Arranged(Scope<TTime> scope, int op, OutputSpec<TraceProtocol.Advanced<TKey, TVal, TTime, TDiff>> spec, TraceExport<TKey, TVal, TTime, TDiff> trace)
    {
        Scope = scope;
        Operator = op;
        this.spec = spec;
        Trace = trace;
    }

    /// <summary>The scope of the arrangement.</summary>
    public Scope<TTime> Scope { get; }

    /// <summary>
    /// The arrangement's trace, for other dataflows: once this dataflow is deployed, <see cref="TraceExport{TKey, TVal, TTime, TDiff}.CreateReaderAsync"/>
    /// gives a handle that other dataflows import.
    /// </summary>
    public TraceExport<TKey, TVal, TTime, TDiff> Trace { get; }

    internal int Operator { get; }

    /// <summary>
    /// Joins with <paramref name="other"/> on the key: for every pair of records with equal keys, the record
    /// <paramref name="result"/> returns, at the join of their times, with the product of their differences.
    /// </summary>
    public Collection<TOut, TTime, TDiff> JoinCore<TVal2, TOut>(Arranged<TKey, TVal2, TTime, TDiff> other, Func<TKey, TVal, TVal2, TOut> result)
        where TVal2 : notnull
        where TOut : notnull
    {
        var outputSpec = new OutputSpec<TOut>();
        var node = Scope.Builder.Add("Join", [Connect(), other.Connect()], [outputSpec],
            environment => new JoinRuntime<TKey, TVal, TVal2, TOut, TTime, TDiff>(environment, result));
        return new Collection<TOut, TTime, TDiff>(Scope, node.Index, outputSpec);
    }

    /// <summary>
    /// Applies <paramref name="logic"/> to the accumulated values of each key, producing <c>(key, output)</c> records
    /// whose differences are <typeparamref name="TDiffOut"/>. The output at every time is the logic applied to the
    /// input at that time.
    /// </summary>
    public Collection<(TKey Key, TOut Value), TTime, TDiffOut> ReduceCore<TOut, TDiffOut>(string name, ReduceLogic<TKey, TVal, TDiff, TOut, TDiffOut> logic)
        where TOut : notnull
    {
        Difference.Validate<TDiffOut>();
        var outputSpec = new OutputSpec<(TKey Key, TOut Value)>();
        var node = Scope.Builder.Add(name, [Connect()], [outputSpec],
            environment => new ReduceRuntime<TKey, TVal, TOut, TTime, TDiff, TDiffOut>(environment, logic));
        return new Collection<(TKey Key, TOut Value), TTime, TDiffOut>(Scope, node.Index, outputSpec);
    }

    /// <summary>
    /// Brings the arrangement into the nested scope <paramref name="inner"/> (a loop body): its trace is read there with
    /// times <c>t</c> as <c>(t, 0)</c>, sharing the batches rather than arranging the collection again.
    /// </summary>
    /// <exception cref="InvalidOperationException"><paramref name="inner"/> is not nested directly in the arrangement's scope.</exception>
    public Arranged<TKey, TVal, Product<TTime, int>, TDiff> Enter(Scope<Product<TTime, int>> inner)
    {
        if (!ReferenceEquals(inner.Parent, Scope))
            throw new InvalidOperationException("An arrangement can only enter a scope nested directly in its own.");
        var innerSpec = new OutputSpec<TraceProtocol.Advanced<TKey, TVal, Product<TTime, int>, TDiff>>();
        var output = new ArrangedOutput<TKey, TVal, Product<TTime, int>, TDiff>(innerSpec);
        var node = inner.Builder.Add("EnterArranged", [Connect()], [innerSpec],
            environment => new EnterArrangedRuntime<TKey, TVal, TTime, TDiff>(environment, output),
            summaries: [[new PathSummary(0, Timestamp.Coordinates<int>(), 0)]],
            observesFrontiers: false);
        return new Arranged<TKey, TVal, Product<TTime, int>, TDiff>(inner, node.Index, innerSpec, new TraceExport<TKey, TVal, Product<TTime, int>, TDiff>(node.Index, "an arrangement entered into a loop is a view of the outer one: export the outer arrangement instead."));
    }

    internal Connection<TraceProtocol.Advanced<TKey, TVal, TTime, TDiff>> Connect() =>
        new(spec, Location.Source(Operator, 0), Pact<TraceProtocol.Advanced<TKey, TVal, TTime, TDiff>>.Pipeline);
}
