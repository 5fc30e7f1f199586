namespace AkkaDifferential.Hosting.Runtime;

/// <summary>
/// One dataflow the host deploys when it starts and disposes when it stops: its name, the type of its handles, how to
/// deploy it, and its deployment as a task that callers of <see cref="HostedDataflows"/> wait on.
/// </summary>
internal sealed class HostedDataflow
{
    private readonly Func<DifferentialEngine, Task<IAsyncDisposable>> deploy;
    private readonly TaskCompletionSource<IAsyncDisposable> deployed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int stopped;

    private HostedDataflow(string name, Type handles, Func<DifferentialEngine, Task<IAsyncDisposable>> deploy)
    {
        Name = name;
        Handles = handles;
        this.deploy = deploy;
    }

    /// <summary>The name it is found by.</summary>
    public string Name { get; }

    /// <summary>The type of its handles.</summary>
    public Type Handles { get; }

    /// <summary>Completes with the deployed <see cref="Dataflow{THandles}"/>, or faults with why it was not deployed.</summary>
    public Task<IAsyncDisposable> Deployed => deployed.Task;

    /// <summary>True once the host stopped it.</summary>
    public bool Stopped => Volatile.Read(ref stopped) == 1;

    /// <summary>A hosted deployment of <paramref name="definition"/>.</summary>
    public static HostedDataflow Of<TTime, TArgs, THandles>(string name, DataflowDefinition<TTime, TArgs, THandles> definition, TArgs arguments, int? buckets)
        where TTime : notnull =>
        new(name, typeof(THandles), async engine => await engine.DeployAsync(definition, arguments, buckets).ConfigureAwait(false));

    /// <summary>Deploys it on <paramref name="engine"/>; a failure faults <see cref="Deployed"/> and is rethrown.</summary>
    public async Task DeployAsync(DifferentialEngine engine)
    {
        try
        {
            deployed.TrySetResult(await deploy(engine).ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            deployed.TrySetException(ex);
            throw;
        }
    }

    /// <summary>Disposes it if it was deployed; one not deployed yet never will be.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
            return;
        if (!deployed.TrySetException(new InvalidOperationException($"Hosted dataflow '{Name}' was not deployed: the host stopped before it was.")) && deployed.Task.IsCompletedSuccessfully)
            await deployed.Task.Result.DisposeAsync().ConfigureAwait(false);
    }
}
