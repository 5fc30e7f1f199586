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
    /// <param name="other">The arrangement to join with.</param>
    /// <param name="result">Builds an output record from the key and the two values.</param>
    /// <param name="name">The operator's name in errors; by default its kind and index.</param>
    public Collection<TOut, TTime, TDiff> JoinCore<TVal2, TOut>(Arranged<TKey, TVal2, TTime, TDiff> other, Func<TKey, TVal, TVal2, TOut> result, string? name = null)
        where TVal2 : notnull
        where TOut : notnull
    {
        var outputSpec = new OutputSpec<TOut>();
        var node = Scope.Builder.Add("Join", [Connect(), other.Connect()], [outputSpec],
            environment => new JoinRuntime<TKey, TVal, TVal2, TOut, TTime, TDiff>(environment, result), name: name);
        return new Collection<TOut, TTime, TDiff>(Scope, node.Index, outputSpec);
    }

    /// <summary>
    /// Applies <paramref name="logic"/> to the accumulated values of each key, producing <c>(key, output)</c> records
    /// whose differences are <typeparamref name="TDiffOut"/>. The output at every time is the logic applied to the
    /// input at that time. C# infers type arguments from a lambda's return type, not from its parameters, so these
    /// two must be given (<c>ReduceCore&lt;long, long&gt;(…)</c>); or use <see cref="Reduce(ReduceLogic{TKey, TVal, TDiff, TVal, TDiff}, string?)"/>
    /// or <see cref="Reduce{TOut}(ReduceFunction{TKey, TVal, TDiff, TOut}, string?)"/>, whose types are inferred.
    /// </summary>
    /// <param name="logic">Appends the key's output values and their multiplicities, given its accumulated input.</param>
    /// <param name="name">The operator's name in errors; by default <c>Reduce#</c> and its index.</param>
    public Collection<(TKey Key, TOut Value), TTime, TDiffOut> ReduceCore<TOut, TDiffOut>(ReduceLogic<TKey, TVal, TDiff, TOut, TDiffOut> logic, string? name = null)
        where TOut : notnull =>
        ReduceNamed("Reduce", name, logic);

    /// <summary>
    /// For each key, the values <paramref name="logic"/> appends — of the input's value and difference types — given
    /// the key's accumulated input: <c>arranged.Reduce((key, input, output) =&gt; output.Add(input[^1]))</c>.
    /// </summary>
    /// <param name="logic">Appends the key's output values and their multiplicities, given its accumulated input.</param>
    /// <param name="name">The operator's name in errors; by default <c>Reduce#</c> and its index.</param>
    public Collection<(TKey Key, TVal Value), TTime, TDiff> Reduce(ReduceLogic<TKey, TVal, TDiff, TVal, TDiff> logic, string? name = null) =>
        ReduceNamed("Reduce", name, logic);

    /// <summary>
    /// For each key, the one value <paramref name="function"/> returns for the key's accumulated input, with
    /// multiplicity one: <c>arranged.Reduce((key, input) =&gt; input.Length)</c>.
    /// </summary>
    /// <param name="function">The key's output, given its accumulated input.</param>
    /// <param name="name">The operator's name in errors; by default <c>Reduce#</c> and its index.</param>
    public Collection<(TKey Key, TOut Value), TTime, TDiff> Reduce<TOut>(ReduceFunction<TKey, TVal, TDiff, TOut> function, string? name = null)
        where TOut : notnull
    {
        var one = Difference.One<TDiff>();
        return ReduceNamed<TOut, TDiff>("Reduce", name, (key, input, output) => output.Add((function(key, input), one)));
    }

    /// <summary>A reduction whose operator kind (<c>Count</c>, <c>Min</c>, …) names it in errors unless the user named it.</summary>
    internal Collection<(TKey Key, TOut Value), TTime, TDiffOut> ReduceNamed<TOut, TDiffOut>(string kind, string? name, ReduceLogic<TKey, TVal, TDiff, TOut, TDiffOut> logic)
        where TOut : notnull
    {
        Difference.Validate<TDiffOut>();
        var outputSpec = new OutputSpec<(TKey Key, TOut Value)>();
        var node = Scope.Builder.Add(kind, [Connect()], [outputSpec],
            environment => new ReduceRuntime<TKey, TVal, TOut, TTime, TDiff, TDiffOut>(environment, logic), name: name);
        return new Collection<(TKey Key, TOut Value), TTime, TDiffOut>(Scope, node.Index, outputSpec);
    }

    /// <summary>
    /// A reduction of each key's multiplicity over totally ordered times (<c>Count</c>, <c>Threshold</c>): what
    /// <paramref name="change"/> emits whenever the multiplicity changes, at once (<see cref="TotalCountRuntime{TKey, TTime, TDiff, TOut, TDiffOut, TChange}"/>).
    /// Only for key-only arrangements (<typeparamref name="TVal"/> is <see cref="Unit"/>) with one-coordinate times.
    /// </summary>
    internal Collection<TOut, TTime, TDiffOut> AccumulateTotal<TOut, TDiffOut, TChange>(string kind, string? name, TChange change)
        where TOut : notnull
        where TChange : struct, IAccumulationChange<TKey, TTime, TDiff, TOut, TDiffOut>
    {
        if (typeof(TVal) != typeof(Unit) || Timestamp.Coordinates<TTime>() != 1)
            throw new InvalidOperationException($"{kind} over totally ordered times needs a key-only arrangement and one-coordinate times, not values of {typeof(TVal).Name} at {typeof(TTime).Name}.");
        Difference.Validate<TDiffOut>();
        var outputSpec = new OutputSpec<TOut>();
        var node = Scope.Builder.Add(kind, [Connect()], [outputSpec],
            environment => new TotalCountRuntime<TKey, TTime, TDiff, TOut, TDiffOut, TChange>(environment, change), observesFrontiers: false, name: name,
            fusable: Scope.Builder.FuseLinear);
        return new Collection<TOut, TTime, TDiffOut>(Scope, node.Index, outputSpec);
    }

    /// <summary>
    /// The arranged updates as a collection of <c>(key, value)</c> records again, as differential dataflow's
    /// <c>as_collection</c>: for an imported arrangement, its history first, then every change — so that it can be
    /// mapped, captured or probed like any collection.
    /// </summary>
    /// <param name="name">The operator's name in errors; by default <c>AsCollection#</c> and its index.</param>
    public Collection<(TKey Key, TVal Value), TTime, TDiff> AsCollection(string? name = null) =>
        AsCollection(static (key, value) => (key, value), name);

    /// <summary>
    /// The arranged updates as a collection of the records <paramref name="map"/> builds from each key and value
    /// (<c>as_collection</c> with a function): <c>imported.AsCollection((item, shop) =&gt; $"{item}@{shop}")</c>.
    /// </summary>
    /// <param name="map">Builds a record from a key and one of its values.</param>
    /// <param name="name">The operator's name in errors; by default <c>AsCollection#</c> and its index.</param>
    public Collection<TOut, TTime, TDiff> AsCollection<TOut>(Func<TKey, TVal, TOut> map, string? name = null)
        where TOut : notnull
    {
        var outputSpec = new OutputSpec<TOut>();
        var node = Scope.Builder.Add("AsCollection", [Connect()], [outputSpec],
            environment => new AsCollectionRuntime<TKey, TVal, TOut, TTime, TDiff>(environment, map), name: name);
        return new Collection<TOut, TTime, TDiff>(Scope, node.Index, outputSpec);
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
