using AkkaDifferential.Host.Cli;

namespace AkkaDifferential.Host.Cluster;

/// <summary>
/// The driver side of <c>--cluster H:P</c>: this process joins the cluster whose member listens at <c>H:P</c> as a
/// member that hosts no bucket, registers the host's definitions (as every member did), runs what deploys and drives
/// dataflows by name, and leaves the cluster at the end, whether the run succeeded or not.
/// </summary>
internal static class ClusterDriver
{
    /// <summary>How long joining may take before it is reported as bad input (no member there).</summary>
    public static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Joins at <paramref name="member"/>, runs <paramref name="run"/> on the driver's engine and definitions, and leaves.</summary>
    /// <exception cref="CommandLineException"><paramref name="member"/> is not host:port, or no cluster could be joined there in time.</exception>
    public static async Task<T> RunAsync<T>(string member, TextWriter log, Func<DifferentialEngine, HostDefinitions, Task<T>> run)
    {
        var engine = await NodeCommand.Start(0, member, hostsBuckets: false, JoinTimeout);
        try
        {
            var definitions = HostDefinitions.Register(engine);
            log.WriteLine($"joined the cluster at {member}: {DifferentialCluster.WorkersUp(engine)} workers up");
            return await run(engine, definitions);
        }
        finally
        {
            await Akka.Cluster.Cluster.Get(engine.System).LeaveAsync();
            await engine.DisposeAsync();
        }
    }
}
