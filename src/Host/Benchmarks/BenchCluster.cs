using System.Diagnostics;
using AkkaDifferential.Host.Cluster;

namespace AkkaDifferential.Host.Benchmarks;

/// <summary>
/// The cluster of <c>bench --cluster</c>: members this command starts on 127.0.0.1 (<c>--cluster N</c>, see
/// <see cref="LocalCluster"/>) or a running cluster (<c>--cluster H:P</c>), which this process joins as a driver; each
/// cluster run deploys the workload's definition by name (<see cref="BenchWorkload.DefinitionName"/>) on it. Members
/// it started are stopped at the end, whether the runs succeeded or not.
/// </summary>
/// <param name="Description">Where the cluster runs, for the table.</param>
/// <param name="Members">Worker members up when the runs start.</param>
/// <param name="Buckets">Buckets of each cluster run's dataflow.</param>
/// <param name="Target">Deploys a run's dataflow on the cluster.</param>
internal sealed record BenchCluster(string Description, int Members, int Buckets, BenchTarget Target)
{
    /// <summary>How long the members this command starts may take to come up, and the driver to see them all.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Opens the cluster <paramref name="config"/> names, runs <paramref name="run"/> on it, and closes it.</summary>
    /// <exception cref="Cli.CommandLineException">No cluster can be joined at the <c>host:port</c> given.</exception>
    public static async Task<BenchOutcome> RunAsync(BenchConfig config, ProgressDisplay progress, Func<BenchCluster, Task<BenchOutcome>> run)
    {
        var spec = config.Cluster ?? throw new ArgumentException("The run has no cluster.", nameof(config));
        var toStart = int.TryParse(spec, out var count) ? count : 0;
        LocalCluster? started = null;
        try
        {
            if (toStart > 0)
            {
                progress.Line($"{config.Label}: starting {toStart} cluster members on 127.0.0.1");
                started = await LocalCluster.StartAsync(toStart, hocon: null, StartTimeout);
                progress.Line($"{config.Label}: members up at {string.Join(", ", started.Addresses)} (processes {string.Join(", ", started.ProcessIds)})");
            }
            return await ClusterDriver.RunAsync(started?.Seed ?? spec, TextWriter.Null, async (engine, definitions) =>
            {
                var members = await WorkersAsync(engine, toStart);
                var buckets = config.ClusterBuckets ?? members;
                var description = started is null ? $"the cluster at {spec} ({members} members)" : $"{members} members started on 127.0.0.1";
                progress.Line($"{config.Label}: driving {description}, {buckets} bucket{(buckets == 1 ? "" : "s")}");
                return await run(new BenchCluster(description, members, buckets, async (workload, c) =>
                    new BenchDeployment(await engine.DeployAsync(definitions.Bench[workload.Name], c.Verify, buckets), buckets, engine: null)));
            });
        }
        finally
        {
            if (started is not null)
                await started.DisposeAsync();
        }
    }

    /// <summary>The worker members the driver sees up: once all <paramref name="expected"/> are (0: however many there are, at least one).</summary>
    /// <exception cref="TimeoutException">The driver does not see them within the start timeout.</exception>
    private static async Task<int> WorkersAsync(DifferentialEngine engine, int expected)
    {
        var clock = Stopwatch.StartNew();
        int up;
        while ((up = DifferentialCluster.WorkersUp(engine)) < Math.Max(expected, 1))
        {
            if (clock.Elapsed > StartTimeout)
                throw new TimeoutException($"The driver sees {up} worker members up, not {Math.Max(expected, 1)}, after {StartTimeout.TotalSeconds:0} s.");
            await Task.Delay(100);
        }
        return up;
    }
}
