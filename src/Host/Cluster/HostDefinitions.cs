using AkkaDifferential.Host.Benchmarks;
using AkkaDifferential.Host.Examples;

namespace AkkaDifferential.Host.Cluster;

/// <summary>
/// Every definition this host registers on a cluster member and on a driver: the examples
/// (<see cref="ExampleDefinitions"/>) and the benchmark workloads (<c>bench-hello</c>, <c>bench-degrees</c>,
/// <c>bench-bfs</c>, see <see cref="BenchWorkload.Register"/>).
/// </summary>
/// <param name="Examples">The example definitions.</param>
/// <param name="Bench">The benchmark workloads' definitions, by workload name.</param>
internal sealed record HostDefinitions(ExampleDefinitions.Definitions Examples, IReadOnlyDictionary<string, DataflowDefinition<long, bool, BenchHandles>> Bench)
{
    /// <summary>Registers every definition on <paramref name="engine"/>.</summary>
    public static HostDefinitions Register(DifferentialEngine engine) =>
        new(ExampleDefinitions.Register(engine), BenchConfig.Workloads.ToDictionary(static name => name, name => BenchWorkload.Named(name).Register(engine)));
}
