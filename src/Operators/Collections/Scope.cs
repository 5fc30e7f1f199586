using AkkaDifferential.Operators.Builder;
using AkkaDifferential.Operators.Dataflows;
using AkkaDifferential.Operators.Exchange;
using AkkaDifferential.Operators.Inputs;
using AkkaDifferential.Progress.Differences;

namespace AkkaDifferential.Operators.Collections;

/// <summary>
/// The scope in which a dataflow is built: it creates input collections, and every collection derived from them
/// belongs to it. Times of the scope are <typeparamref name="TTime"/>.
/// </summary>
public sealed class Scope<TTime> where TTime : notnull
{
    private readonly List<Action<DeployedDataflow>> attachments = [];

    internal Scope(DataflowBuilder builder, DataflowState state, DataflowSettings settings)
    {
        Builder = builder;
        State = state;
        Settings = settings;
    }

    internal DataflowBuilder Builder { get; }

    internal DataflowState State { get; }

    internal DataflowSettings Settings { get; }

    /// <summary>A new input collection of records with <c>long</c> differences, and the session that feeds it.</summary>
    public (InputSession<TData, TTime, long> Session, Collection<TData, TTime, long> Collection) NewCollection<TData>() where TData : notnull =>
        NewCollection<TData, long>();

    /// <summary>A new input collection with differences of <typeparamref name="TDiff"/>, and the session that feeds it.</summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="TDiff"/> is not an abelian group.</exception>
    public (InputSession<TData, TTime, TDiff> Session, Collection<TData, TTime, TDiff> Collection) NewCollection<TData, TDiff>() where TData : notnull
    {
        Difference.Validate<TDiff>();
        var spec = new OutputSpec<TData>();
        var node = Builder.Add("Input", [], [spec], factory: null);
        var session = new InputSession<TData, TTime, TDiff>(node.Index, node.Name, spec, State, Settings);
        attachments.Add(session.Attach);
        return (session, new Collection<TData, TTime, TDiff>(this, node.Index, spec));
    }

    /// <summary>The sum of several collections: every update of each, in one collection.</summary>
    public Collection<TData, TTime, TDiff> Concatenate<TData, TDiff>(IEnumerable<Collection<TData, TTime, TDiff>> collections) where TData : notnull
    {
        var inputs = collections.Select(c => c.Connect(Pact<TData>.Pipeline)).ToList<IConnection>();
        if (inputs.Count == 0)
            throw new ArgumentException("Concatenate needs at least one collection.", nameof(collections));
        return Collection<TData, TTime, TDiff>.Linear<TData, TData, TDiff>(this, "Concatenate", inputs, static (batch, output) => output.GiveBatch(batch));
    }

    internal void Attach(DeployedDataflow dataflow)
    {
        foreach (var attach in attachments)
            attach(dataflow);
    }
}
