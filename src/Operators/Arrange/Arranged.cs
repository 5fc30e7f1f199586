using AkkaDifferential.Arrangements.Readers;
using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Operators.Builder;
using AkkaDifferential.Operators.Collections;
using AkkaDifferential.Operators.Exchange;
using AkkaDifferential.Operators.Join;
using AkkaDifferential.Operators.Reduce;
using AkkaDifferential.Progress.Graph;

namespace AkkaDifferential.Operators.Arrange;

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
        Progress.Differences.Difference.Validate<TDiffOut>();
        var outputSpec = new OutputSpec<(TKey Key, TOut Value)>();
        var node = Scope.Builder.Add(name, [Connect()], [outputSpec],
            environment => new ReduceRuntime<TKey, TVal, TOut, TTime, TDiff, TDiffOut>(environment, logic));
        return new Collection<(TKey Key, TOut Value), TTime, TDiffOut>(Scope, node.Index, outputSpec);
    }

    internal Connection<TraceProtocol.Advanced<TKey, TVal, TTime, TDiff>> Connect() =>
        new(spec, Location.Source(Operator, 0), Pact<TraceProtocol.Advanced<TKey, TVal, TTime, TDiff>>.Pipeline);
}
