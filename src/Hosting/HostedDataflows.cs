using AkkaDifferential.Hosting.Runtime;

namespace AkkaDifferential;

/// <summary>
/// The dataflows a host deploys when it starts and disposes when it stops
/// (<see cref="DifferentialDataflowOptions.Host{TTime, TArgs, THandles}"/>), and the definitions registered with
/// <see cref="DifferentialHosting.WithDifferentialDataflow"/>, from dependency injection
/// (<see cref="DifferentialHosting.AddDifferentialEngine"/>). Thread-safe.
/// </summary>
public sealed class HostedDataflows
{
    private readonly DifferentialEngine engine;
    private readonly IReadOnlyDictionary<string, HostedDataflow> hosted;

    internal HostedDataflows(DifferentialEngine engine, IReadOnlyList<HostedDataflow> hosted)
    {
        this.engine = engine;
        this.hosted = hosted.ToDictionary(h => h.Name, StringComparer.Ordinal);
    }

    /// <summary>The names of the hosted dataflows, in the order they are deployed.</summary>
    public IReadOnlyList<string> Names => [.. hosted.Keys];

    /// <summary>The hosted dataflow <paramref name="name"/>, deployed.</summary>
    /// <exception cref="ArgumentException">No hosted dataflow has the name, or its handles are not <typeparamref name="THandles"/>.</exception>
    /// <exception cref="InvalidOperationException">It is not deployed yet (the host has not started), failed to deploy, or stopped with the host.</exception>
    public Dataflow<THandles> Get<THandles>(string name)
    {
        var dataflow = Find<THandles>(name);
        var deployed = dataflow.Deployed;
        if (deployed.IsFaulted)
            throw new InvalidOperationException($"Hosted dataflow '{name}' failed to deploy: {deployed.Exception!.InnerException!.Message}", deployed.Exception.InnerException);
        if (dataflow.Stopped)
            throw new InvalidOperationException($"Hosted dataflow '{name}' was disposed when the host stopped.");
        if (!deployed.IsCompleted)
            throw new InvalidOperationException($"Hosted dataflow '{name}' is not deployed yet: the host deploys it when it starts (await GetAsync to wait for it).");
        return (Dataflow<THandles>)deployed.Result;
    }

    /// <summary>The hosted dataflow <paramref name="name"/>, once the host has deployed it.</summary>
    /// <exception cref="ArgumentException">No hosted dataflow has the name, or its handles are not <typeparamref name="THandles"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled first.</exception>
    /// <exception cref="InvalidOperationException">It failed to deploy, or the host stopped before it was deployed.</exception>
    public async Task<Dataflow<THandles>> GetAsync<THandles>(string name, CancellationToken cancellation = default)
    {
        var dataflow = Find<THandles>(name);
        await dataflow.Deployed.WaitAsync(cancellation).ConfigureAwait(false);
        return Get<THandles>(name);
    }

    /// <summary>The definition registered as <paramref name="name"/>, to deploy more dataflows from it.</summary>
    /// <exception cref="ArgumentException">No definition has the name, or it has other type arguments.</exception>
    public DataflowDefinition<TTime, TArgs, THandles> Definition<TTime, TArgs, THandles>(string name)
        where TTime : notnull
    {
        var definition = engine.Definitions.Find(name)
            ?? throw new ArgumentException($"No dataflow definition named '{name}' is registered with WithDifferentialDataflow; registered: {List(engine.Definitions.Names)}.", nameof(name));
        return definition as DataflowDefinition<TTime, TArgs, THandles>
            ?? throw new ArgumentException($"Dataflow definition '{name}' is a {Describe(definition.GetType())}, not a {Describe(typeof(DataflowDefinition<TTime, TArgs, THandles>))}.", nameof(name));
    }

    private HostedDataflow Find<THandles>(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!hosted.TryGetValue(name, out var dataflow))
            throw new ArgumentException($"No hosted dataflow is named '{name}'; hosted: {List(Names)}.", nameof(name));
        if (dataflow.Handles != typeof(THandles))
            throw new ArgumentException($"Hosted dataflow '{name}' has handles of type {Describe(dataflow.Handles)}, not {Describe(typeof(THandles))}.", nameof(name));
        return dataflow;
    }

    private static string List(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names.Select(n => $"'{n}'"));

    /// <summary>A type as C# writes it (<c>DataflowDefinition&lt;Int64, Int32, String&gt;</c>).</summary>
    private static string Describe(Type type) =>
        type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(", ", type.GetGenericArguments().Select(Describe))}>" : type.Name;
}
