using AkkaDifferential.Host.Cli;
using AkkaDifferential.Host.Examples;

namespace AkkaDifferential.Host.Cluster;

/// <summary>
/// <c>node --port P --seeds H:P0,…</c>: starts a cluster member (a worker: it hosts buckets and may host the frontier
/// singleton) on 127.0.0.1:P, joins the seeds, registers the example definitions, prints one line
/// <c>member up at …</c>, and runs until the process is stopped (Ctrl+C leaves the cluster first).
/// </summary>
internal static class NodeCommand
{
    public const string Help = """
              node --port P --seeds H:P0,...  a cluster member on 127.0.0.1:P hosting buckets of dataflows deployed
                                              by name (the first member lists itself as seed); runs until stopped
                  --join-timeout S            seconds to wait to join before failing (20)
                  --config FILE               HOCON overriding config/cluster.conf (e.g. akka.loglevel = INFO)
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter log)
    {
        var line = new CommandLine(args);
        var port = line.Int("port", 0, minimum: 0);
        var seeds = line.String("seeds", "seed members as host:port,host:port") ?? throw new CommandLineException("node needs --seeds host:port,... (the first member lists its own address)");
        var joinTimeout = TimeSpan.FromSeconds(line.Int("join-timeout", 20, minimum: 1));
        var config = line.String("config", "a HOCON file");
        line.RejectUnknown();
        var engine = await Start(port, seeds, hostsBuckets: true, joinTimeout, config is null ? null : string.Join("\n", InputFile.ReadLines(config)));
        ExampleDefinitions.Register(engine);
        output.WriteLine($"member up at {Akka.Cluster.Cluster.Get(engine.System).SelfAddress}");
        output.Flush();
        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.TrySetResult();
        };
        await Task.WhenAny(stop.Task, engine.System.WhenTerminated);
        log.WriteLine("leaving the cluster");
        await Akka.Cluster.Cluster.Get(engine.System).LeaveAsync();
        await engine.DisposeAsync();
        return 0;
    }

    /// <summary>Starts a member; bad seeds, a port in use or a join that times out are bad input (exit code 2, one line).</summary>
    public static async Task<DifferentialEngine> Start(int port, string seeds, bool hostsBuckets, TimeSpan joinTimeout, string? hocon = null)
    {
        try
        {
            return await DifferentialCluster.StartMemberAsync(port, seeds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), hostsBuckets, joinTimeout, hocon);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or TimeoutException)
        {
            throw new CommandLineException(ex.Message);
        }
    }
}
