using AkkaDifferential.Operators.Builder;
using AkkaDifferential.Operators.Exchange;
using AkkaDifferential.Operators.Iterate;
using AkkaDifferential.Progress.Graph;

namespace AkkaDifferential;

/// <summary>Iteration: entering and leaving nested scopes, and fixed points.</summary>
public static class IterateExtensions
{
    /// <summary>
    /// Applies <paramref name="body"/> repeatedly, starting from this collection, until the result no longer changes;
    /// returns that fixed point. When the input changes, the fixed point is updated incrementally. Inside the body,
    /// times are <c>(outer time, iteration)</c>; collections from outside must be brought in with
    /// <see cref="Enter{TData, TOuter, TDiff}"/> into the body's scope (<c>x.Scope</c>).
    /// </summary>
    /// <param name="collection">The collection at iteration 0.</param>
    /// <param name="body">What the collection becomes at the next iteration.</param>
    /// <param name="maxIterations">If given, the dataflow fails when the loop has not converged after this many iterations.</param>
    /// <param name="name">The loop's name in errors; by default <c>Iterate@</c> and the index of the collection's operator.</param>
    public static Collection<TData, TOuter, TDiff> Iterate<TData, TOuter, TDiff>(
        this Collection<TData, TOuter, TDiff> collection,
        Func<Collection<TData, Product<TOuter, int>, TDiff>, Collection<TData, Product<TOuter, int>, TDiff>> body,
        int? maxIterations = null,
        string? name = null)
        where TData : notnull
        where TOuter : notnull =>
        collection.Scope.Iterative(inner =>
        {
            var variable = Variable<TData, TOuter, TDiff>.NewFrom(collection.Enter(inner), maxIterations, name ?? $"Iterate@{collection.Operator}");
            return variable.Set(body(variable.Collection)).Leave();
        });

    /// <summary>Brings a collection into the nested scope <paramref name="inner"/>: time <c>t</c> becomes <c>(t, 0)</c>.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="inner"/> is not nested directly in the collection's scope.</exception>
    public static Collection<TData, Product<TOuter, int>, TDiff> Enter<TData, TOuter, TDiff>(
        this Collection<TData, TOuter, TDiff> collection,
        Scope<Product<TOuter, int>> inner)
        where TData : notnull
        where TOuter : notnull
    {
        if (!ReferenceEquals(inner.Parent, collection.Scope))
            throw new InvalidOperationException("A collection can only enter a scope nested directly in its own.");
        var spec = new OutputSpec<TData>();
        var node = inner.Builder.Add("Enter", [collection.Connect(Pact<TData>.Pipeline)], [spec],
            environment => new EnterRuntime<TData, TOuter, TDiff>(environment),
            summaries: [[new PathSummary(0, Timestamp.Coordinates<int>(), 0)]],
            observesFrontiers: false);
        return new Collection<TData, Product<TOuter, int>, TDiff>(inner, node.Index, spec);
    }

    /// <summary>Takes a collection out of its nested scope: <c>(t, i)</c> becomes <c>t</c>, accumulating all iterations.</summary>
    public static Collection<TData, TOuter, TDiff> Leave<TData, TOuter, TDiff>(this Collection<TData, Product<TOuter, int>, TDiff> collection)
        where TData : notnull
        where TOuter : notnull
    {
        var outer = (Scope<TOuter>?)collection.Scope.Parent
            ?? throw new InvalidOperationException("The collection is in a top-level scope: there is nothing to leave.");
        var spec = new OutputSpec<TData>();
        var node = outer.Builder.Add("Leave", [collection.Connect(Pact<TData>.Pipeline)], [spec],
            environment => new LeaveRuntime<TData, TOuter, TDiff>(environment),
            summaries: [[new PathSummary(Timestamp.Coordinates<int>(), 0, 0)]],
            observesFrontiers: false);
        return new Collection<TData, TOuter, TDiff>(outer, node.Index, spec);
    }
}
