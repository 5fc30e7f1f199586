using System.Diagnostics;
using AkkaDifferential.Host.Cli;

namespace AkkaDifferential.Host.Cluster;

/// <summary>
/// <c>node --port P --seeds H:P0,…</c>: starts a cluster member (a worker: it hosts buckets and may host the frontier
/// singleton) on 127.0.0.1:P, joins the seeds, registers the definitions of the examples and the benchmark workloads
/// (<see cref="HostDefinitions"/>), prints one line <c>member up at …</c>, and runs until the process is stopped
/// (Ctrl+C leaves the cluster first) or, with <c>--parent PID</c>, until that process has exited.
/// </summary>
internal static class NodeCommand
{
    /// <summary>The start of the line a member prints once it is up, followed by its address.</summary>
    public const string UpLine = "member up at ";

    /// <summary>How often a member started with <c>--parent</c> checks that its parent is still running.</summary>
    private static readonly TimeSpan ParentCheck = TimeSpan.FromSeconds(1);

    public const string Help = """
              node --port P --seeds H:P0,...  a cluster member on 127.0.0.1:P hosting buckets of dataflows deployed
                                              by name (the first member lists itself as seed); runs until stopped
                  --join-timeout S            seconds to wait to join before failing (20)
                  --config FILE               HOCON overriding config/cluster.conf (e.g. akka.loglevel = INFO)
                  --parent PID                leave and exit once process PID has exited (members that
                                              'bench --cluster N' starts never outlive it)
                TLS between members (docs/security.md): set AKKA_DIFFERENTIAL_TLS_CERTIFICATE to a PKCS#12
                (.pfx) file with the certificate and its key, AKKA_DIFFERENTIAL_TLS_PASSWORD to its password,
                for every member and every command run with --cluster; members accept only peers that
                present the same certificate
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter log)
    {
        var line = new CommandLine(args);
        var port = line.Int("port", 0, minimum: 0);
        var seeds = line.String("seeds", "seed members as host:port,host:port") ?? throw new CommandLineException("node needs --seeds host:port,... (the first member lists its own address)");
        var joinTimeout = TimeSpan.FromSeconds(line.Int("join-timeout", 20, minimum: 1));
        var config = line.String("config", "a HOCON file");
        var parent = Parent(line.Int("parent", 0, minimum: 0));
        line.RejectUnknown();
        var engine = await Start(port, seeds, hostsBuckets: true, joinTimeout, config is null ? null : string.Join("\n", InputFile.ReadLines(config)));
        HostDefinitions.Register(engine);
        output.WriteLine($"{UpLine}{Akka.Cluster.Cluster.Get(engine.System).SelfAddress}");
        output.Flush();
        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.TrySetResult();
        };
        await Task.WhenAny(stop.Task, engine.System.WhenTerminated, parent is null ? Task.Delay(Timeout.Infinite) : ExitOf(parent));
        log.WriteLine("leaving the cluster");
        await Akka.Cluster.Cluster.Get(engine.System).LeaveAsync();
        await engine.DisposeAsync();
        return 0;
    }

    /// <summary>The process <c>--parent</c> names; 0 for none.</summary>
    /// <exception cref="CommandLineException">No process has that id.</exception>
    private static Process? Parent(int pid)
    {
        if (pid == 0)
            return null;
        try
        {
            return Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            throw new CommandLineException($"--parent {pid}: no process has this id (it has exited already?)");
        }
    }

    /// <summary>Completes once <paramref name="process"/> has exited (polled: it need not be this process's child).</summary>
    private static async Task ExitOf(Process process)
    {
        while (!process.HasExited)
            await Task.Delay(ParentCheck);
    }

    /// <summary>
    /// Starts a member, with TLS when the environment asks for it (<see cref="RemotingTls.FromEnvironment"/>); bad
    /// seeds, a port in use, a bad setting or certificate or a join that times out are bad input (exit code 2, one line).
    /// </summary>
    public static async Task<DifferentialEngine> Start(int port, string seeds, bool hostsBuckets, TimeSpan joinTimeout, string? hocon = null)
    {
        try
        {
            var tls = RemotingTls.FromEnvironment();
            return await DifferentialCluster.StartMemberAsync(port, seeds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), hostsBuckets, joinTimeout, hocon, tls);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or TimeoutException or Akka.Configuration.ConfigurationException)
        {
            throw new CommandLineException(ex.Message);
        }
    }
}
