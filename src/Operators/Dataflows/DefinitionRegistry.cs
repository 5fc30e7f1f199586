using System.Collections.Concurrent;

namespace AkkaDifferential.Operators.Dataflows;

/// <summary>The dataflow definitions of one node, by name. Thread-safe: the application registers, buckets look up.</summary>
internal sealed class DefinitionRegistry
{
    private readonly ConcurrentDictionary<string, IDataflowDefinition> definitions = new(StringComparer.Ordinal);
    private readonly List<Action<IDataflowDefinition>> observers = [];

    /// <summary>
    /// Registers a definition of <paramref name="build"/> under <paramref name="name"/> (what
    /// <see cref="DifferentialEngine.Register{TTime, TArgs, THandles}"/> does, here or, for a hosted engine, in its options).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank or already registered.</exception>
    /// <exception cref="InvalidOperationException"><typeparamref name="TTime"/> is not a timestamp type.</exception>
    public DataflowDefinition<TTime, TArgs, THandles> Register<TTime, TArgs, THandles>(string name, Func<Scope<TTime>, TArgs, THandles> build)
        where TTime : notnull
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(build);
        Timestamp.Validate<TTime>();
        var definition = new DataflowDefinition<TTime, TArgs, THandles>(name, build, local: false);
        Add(definition);
        return definition;
    }

    /// <summary>Adds <paramref name="definition"/>.</summary>
    /// <exception cref="ArgumentException">Another definition has the same name.</exception>
    public void Add(IDataflowDefinition definition)
    {
        lock (observers)
        {
            if (!definitions.TryAdd(definition.Name, definition))
                throw new ArgumentException($"A dataflow definition named '{definition.Name}' is already registered on this engine: names identify definitions across nodes, so each must be distinct.", nameof(definition));
            foreach (var observer in observers)
                observer(definition);
        }
    }

    /// <summary>
    /// Calls <paramref name="observer"/> with every definition registered and to be registered (the cluster admits their
    /// types to its wire).
    /// </summary>
    public void Observe(Action<IDataflowDefinition> observer)
    {
        lock (observers)
        {
            observers.Add(observer);
            foreach (var definition in definitions.Values)
                observer(definition);
        }
    }

    /// <summary>The definition registered as <paramref name="name"/>, or null.</summary>
    public IDataflowDefinition? Find(string name) => definitions.GetValueOrDefault(name);

    /// <summary>The registered names, sorted, for errors.</summary>
    public IReadOnlyList<string> Names => [.. definitions.Keys.Order(StringComparer.Ordinal)];
}
