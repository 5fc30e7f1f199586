using AkkaDifferential.Operators.Arrange;
using AkkaDifferential.Operators.Builder;
using AkkaDifferential.Operators.Dataflows;
using AkkaDifferential.Operators.Exchange;
using AkkaDifferential.Operators.Recovery;
using AkkaDifferential.Progress.Tracking;
using AkkaDifferential.Runtime.Readers;

namespace AkkaDifferential;

/// <summary>
/// The scope in which a dataflow is built: it creates input collections, and every collection derived from them
/// belongs to it. Times of the scope are <typeparamref name="TTime"/>.
/// </summary>
public sealed class Scope<TTime> where TTime : notnull
{
    private readonly List<Action<DeployedDataflow>> attachments;

    internal Scope(DataflowBuilder builder, DataflowState state, DataflowSettings settings, int buckets, object? parent = null, List<Action<DeployedDataflow>>? attachments = null)
    {
        this.attachments = attachments ?? [];
        Builder = builder;
        State = state;
        Settings = settings;
        Buckets = buckets;
        Parent = parent;
    }

    /// <summary>The enclosing scope (a <c>Scope</c> of the outer time type), or null for a dataflow's top-level scope.</summary>
    public object? Parent { get; }

    /// <summary>The number of buckets (workers) the dataflow runs on.</summary>
    public int Buckets { get; }

    internal DataflowBuilder Builder { get; }

    internal DataflowState State { get; }

    internal DataflowSettings Settings { get; }

    /// <summary>The dataflow's input sessions, which its owner detaches and replays when it redeploys the dataflow.</summary>
    internal List<IRecoverableInput> Inputs { get; } = [];

    /// <summary>The dataflow's resumable outputs, which open their logs when the driver's journal is on.</summary>
    internal List<IResumableOutput> Outputs { get; } = [];

    /// <summary>A new input collection of records with <c>long</c> differences, and the session that feeds it.</summary>
    /// <param name="name">The input's name in errors (<c>'orders'</c>); by default <c>Input#</c> and its index.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank or names another operator of the dataflow.</exception>
    public (InputSession<TData, TTime, long> Session, Collection<TData, TTime, long> Collection) NewCollection<TData>(string? name = null) where TData : notnull =>
        NewCollection<TData, long>(name);

    /// <summary>A new input collection with differences of <typeparamref name="TDiff"/>, and the session that feeds it.</summary>
    /// <param name="name">The input's name in errors (<c>'orders'</c>); by default <c>Input#</c> and its index.</param>
    /// <exception cref="InvalidOperationException"><typeparamref name="TDiff"/> is not an abelian group.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank or names another operator of the dataflow.</exception>
    public (InputSession<TData, TTime, TDiff> Session, Collection<TData, TTime, TDiff> Collection) NewCollection<TData, TDiff>(string? name = null) where TData : notnull
    {
        if (Parent is not null)
            throw new InvalidOperationException("Inputs belong to a dataflow's top-level scope: create the collection there and Enter it.");
        Difference.Validate<TDiff>();
        var spec = new OutputSpec<TData>();
        var node = Builder.Add("Input", [], [spec], factory: null, name: name);
        var session = new InputSession<TData, TTime, TDiff>(node.Index, node.Name, spec, State, Settings);
        OnDeployed(session.Attach);
        Inputs.Add(session);
        return (session, new Collection<TData, TTime, TDiff>(this, node.Index, spec));
    }

    /// <summary>
    /// A collection that holds <paramref name="records"/> (each once, at the minimum time) and never changes: the
    /// input is filled and closed as soon as the dataflow is deployed.
    /// </summary>
    /// <param name="records">The records, read once, when this is called.</param>
    /// <param name="name">The input's name in errors; by default <c>Input#</c> and its index.</param>
    public Collection<TData, TTime, long> NewCollectionFrom<TData>(IEnumerable<TData> records, string? name = null) where TData : notnull
    {
        var (session, collection) = NewCollection<TData>(name);
        session.Journaled = false;
        var contents = records.ToList();
        OnDeployed(_ =>
        {
            foreach (var record in contents)
                session.Insert(record);
            session.Close();
        });
        return collection;
    }

    /// <summary>The sum of several collections: every update of each, in one collection.</summary>
    public Collection<TData, TTime, TDiff> Concatenate<TData, TDiff>(IEnumerable<Collection<TData, TTime, TDiff>> collections) where TData : notnull
    {
        var inputs = collections.Select(c => c.Connect(Pact<TData>.Pipeline)).ToList<IConnection>();
        if (inputs.Count == 0)
            throw new ArgumentException("Concatenate needs at least one collection.", nameof(collections));
        return Collection<TData, TTime, TDiff>.Linear<TData, TData, TDiff>(this, "Concatenate", inputs, static (batch, output) => output.GiveBatch(batch));
    }

    /// <summary>
    /// Imports the trace that <paramref name="reader"/> reads, from another dataflow, as an arrangement of this one,
    /// whenever the reader was created: the existing history arrives first, then every change. The import starts at
    /// the reader's <see cref="TraceReader{TKey, TVal, TTime, TDiff}.Since"/>: its times are the source's advanced by
    /// it, so at every time in advance of it the imported collection is exactly the source's, and before it empty
    /// (the history compacted before the reader was created appears at <c>since</c>). Both dataflows need the same
    /// number of buckets.
    /// </summary>
    /// <param name="reader">The reader, which the importing dataflow then owns.</param>
    /// <param name="name">The import's name in errors; by default <c>Import#</c> and its index.</param>
    /// <exception cref="ObjectDisposedException">The reader was released.</exception>
    /// <exception cref="InvalidOperationException">The source dataflow has stopped, or the bucket counts differ.</exception>
    public Arranged<TKey, TVal, TTime, TDiff> Import<TKey, TVal, TDiff>(TraceReader<TKey, TVal, TTime, TDiff> reader, string? name = null)
        where TKey : notnull
        where TVal : notnull
    {
        var export = reader.Export;
        var what = $"import the arrangement of dataflow '{export.Dataflow}'";
        reader.EnsureUsable("import");
        var buckets = export.Instances(what).Count;
        if (buckets != Buckets)
            throw new InvalidOperationException($"Cannot {what}: it has {buckets} buckets and this dataflow {Buckets}; they must match.");
        var since = reader.Since;
        var sources = reader.TakeOver(State.Id);
        var spec = new OutputSpec<TraceProtocol.Advanced<TKey, TVal, TTime, TDiff>>();
        var output = new ArrangedOutput<TKey, TVal, TTime, TDiff>(spec);
        var node = Builder.Add("Import", [], [spec],
            environment => new ImportRuntime<TKey, TVal, TTime, TDiff>(environment, sources[environment.Bucket], export.Dataflow, reader.Id, since, output),
            initialCapabilities: [.. ImportRuntime<TKey, TVal, TTime, TDiff>.Start(since).Elements.Select(FlatTime.From)], name: name);
        return new Arranged<TKey, TVal, TTime, TDiff>(this, node.Index, spec, export);
    }

    /// <summary>
    /// Builds a nested iteration scope, whose times are <c>(outer time, iteration)</c>, with <paramref name="build"/>,
    /// and returns what it returns. Inside, collections enter with <c>Enter</c>, loops are made with <c>Variable</c>,
    /// and results leave with <c>Leave</c>.
    /// </summary>
    public TResult Iterative<TResult>(Func<Scope<Product<TTime, int>>, TResult> build)
    {
        var inner = new Scope<Product<TTime, int>>(Builder, State, Settings, Buckets, this, attachments);
        return build(inner);
    }

    /// <summary>Runs <paramref name="attach"/> with the deployed dataflow once deployment is done.</summary>
    internal void OnDeployed(Action<DeployedDataflow> attach) => attachments.Add(attach);

    internal void Attach(DeployedDataflow dataflow)
    {
        foreach (var attach in attachments)
            attach(dataflow);
    }
}
