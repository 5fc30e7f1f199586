namespace AkkaDifferential.Host.Benchmarks;

/// <summary>Deploys a workload's dataflow for one run of <paramref name="config"/>: on a fresh embedded engine, or by name on a cluster.</summary>
internal delegate Task<BenchDeployment> BenchTarget(BenchWorkload workload, BenchConfig config);

/// <summary>A workload's dataflow deployed for one run; disposing it stops the dataflow, and the engine if the run owns one.</summary>
/// <param name="dataflow">The deployed dataflow.</param>
/// <param name="buckets">Its buckets.</param>
/// <param name="engine">The engine made for this run alone, or null.</param>
internal sealed class BenchDeployment(Dataflow<BenchHandles> dataflow, int buckets, DifferentialEngine? engine) : IAsyncDisposable
{
    /// <summary>Each run on an embedded engine of its own, with <see cref="BenchConfig.Buckets"/> buckets.</summary>
    public static readonly BenchTarget Embedded = async (workload, config) =>
    {
        var engine = DifferentialEngine.Create();
        try
        {
            return new BenchDeployment(await workload.DeployAsync(engine, config.Buckets, capture: config.Verify), config.Buckets, engine);
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }
    };

    /// <summary>The deployed dataflow.</summary>
    public Dataflow<BenchHandles> Dataflow => dataflow;

    /// <summary>The dataflow's buckets.</summary>
    public int Buckets => buckets;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await dataflow.DisposeAsync();
        if (engine is not null)
            await engine.DisposeAsync();
    }
}
