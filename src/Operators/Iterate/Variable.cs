using AkkaDifferential.Operators.Builder;
using AkkaDifferential.Operators.Exchange;
using AkkaDifferential.Operators.Iterate;
using AkkaDifferential.Progress.Graph;

namespace AkkaDifferential;

/// <summary>
/// A collection defined in terms of itself, inside an iteration scope: at iteration 0 it is its source, and at
/// iteration <c>i + 1</c> it is what <see cref="Set"/> gave it at iteration <c>i</c>. Several variables of one scope
/// may refer to each other (mutual recursion). Each variable must be set exactly once.
/// </summary>
public sealed class Variable<TData, TOuter, TDiff> where TData : notnull where TOuter : notnull
{
    private readonly OperatorNode feedback;
    private readonly Collection<TData, Product<TOuter, int>, TDiff> source;
    private bool set;

    private Variable(Collection<TData, Product<TOuter, int>, TDiff> source, int? maxIterations, string name)
    {
        StableHash<TData>.Validate();
        DataOrder<TData>.Validate();
        this.source = source;
        var scope = source.Scope;
        var spec = new OutputSpec<TData>();
        feedback = scope.Builder.AddDeferred("Feedback", 1, [spec],
            environment => new FeedbackRuntime<TData, TOuter, TDiff>(environment, maxIterations, name),
            summaries: [[new PathSummary(0, 0, 1)]],
            unsetMessage: $"Variable '{name}' was never set: call Set with the collection it becomes at the next iteration.");
        Collection = new Collection<TData, Product<TOuter, int>, TDiff>(scope, feedback.Index, spec).Concat(source);
        Name = name;
    }

    /// <summary>A variable that starts as <paramref name="source"/> (a collection of the iteration scope).</summary>
    /// <param name="source">The collection at iteration 0.</param>
    /// <param name="maxIterations">If given, the dataflow fails when a change would reach a later iteration.</param>
    /// <param name="name">A name for error messages.</param>
    public static Variable<TData, TOuter, TDiff> NewFrom(Collection<TData, Product<TOuter, int>, TDiff> source, int? maxIterations = null, string? name = null) =>
        new(source, maxIterations, name ?? $"variable@{source.Operator}");

    /// <summary>The variable's name, used in error messages.</summary>
    public string Name { get; }

    /// <summary>The variable's collection: use it to define what it becomes.</summary>
    public Collection<TData, Product<TOuter, int>, TDiff> Collection { get; }

    /// <summary>
    /// Defines the variable's next value: at iteration <c>i + 1</c> the variable equals <paramref name="result"/> at
    /// iteration <c>i</c>. Returns <paramref name="result"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The variable was set already, or <paramref name="result"/> belongs to another scope.</exception>
    public Collection<TData, Product<TOuter, int>, TDiff> Set(Collection<TData, Product<TOuter, int>, TDiff> result)
    {
        if (set)
            throw new InvalidOperationException($"Variable '{Name}' is already set: a variable is set exactly once.");
        if (!ReferenceEquals(result.Scope, source.Scope))
            throw new InvalidOperationException($"Variable '{Name}' must be set to a collection of its own scope.");
        set = true;
        // The feedback carries the changes of (result - source), so that the variable becomes result.
        var delta = result.Concat(source.Negate());
        result.Scope.Builder.ConnectLater(feedback, 0, delta.Connect(Pact<TData>.Exchange(StableHash<TData>.Hash)));
        return result;
    }
}
