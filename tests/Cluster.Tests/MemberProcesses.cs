using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AkkaDifferential.Host.Examples;

namespace AkkaDifferential.Cluster.Tests;

/// <summary>
/// Three cluster members as separate processes of the Host (<c>dotnet AkkaDifferential.Host.dll node --port P --seeds
/// …</c>) on free loopback ports, with <c>serialize-messages = on</c>, and a driver member in the test process that
/// hosts no bucket: started once for the test classes of <see cref="ThreeMembers"/>, killed in <see cref="DisposeAsync"/>.
/// </summary>
public sealed class MemberProcesses : IAsyncLifetime
{
    public const int Members = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private const string TestConfig = "akka.actor.serialize-messages = on\nakka.loglevel = WARNING";
    private readonly List<Process> processes = [];
    private readonly List<string> logs = [];

    /// <summary>The driver: a member of the cluster that deploys by name and keeps the handles.</summary>
    public DifferentialEngine Driver { get; private set; } = null!;

    /// <summary>The definitions registered on the driver (the members registered the same ones).</summary>
    internal ExampleDefinitions.Definitions Definitions { get; private set; } = null!;

    /// <summary>The members' addresses, as they printed them.</summary>
    public List<string> Addresses { get; } = [];

    public async Task InitializeAsync()
    {
        var ports = Enumerable.Range(0, Members).Select(_ => FreePort()).ToList();
        var config = Path.Combine(Path.GetTempPath(), $"cluster-tests-{Guid.NewGuid():N}.conf");
        await File.WriteAllTextAsync(config, TestConfig);
        var seeds = $"127.0.0.1:{ports[0]}";
        var host = Path.Combine(AppContext.BaseDirectory, "AkkaDifferential.Host.dll");
        var ups = new List<Task<string>>();
        foreach (var port in ports)
        {
            var start = new ProcessStartInfo("dotnet", ["exec", host, "node", "--port", $"{port}", "--seeds", seeds, "--config", config, "--join-timeout", "60"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            var process = Process.Start(start)!;
            processes.Add(process);
            var up = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                    return;
                lock (logs)
                    logs.Add($"[{port}] {e.Data}");
                if (e.Data.StartsWith("member up at ", StringComparison.Ordinal))
                    up.TrySetResult(e.Data["member up at ".Length..]);
            };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                    lock (logs)
                        logs.Add($"[{port} err] {e.Data}");
            };
            process.Exited += (_, _) => up.TrySetException(new InvalidOperationException($"Member on port {port} exited with {process.ExitCode}:\n{Log()}"));
            process.EnableRaisingEvents = true;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            ups.Add(up.Task);
        }
        var all = Task.WhenAll(ups);
        if (await Task.WhenAny(all, Task.Delay(StartTimeout)) != all)
            throw new TimeoutException($"The members did not come up within {StartTimeout.TotalSeconds} s:\n{Log()}");
        Addresses.AddRange(await all);
        Driver = await DifferentialCluster.StartMemberAsync(0, [seeds], hostsBuckets: false, TimeSpan.FromSeconds(60), TestConfig);
        Definitions = ExampleDefinitions.Register(Driver);
        var clock = Stopwatch.StartNew();
        while (DifferentialCluster.WorkersUp(Driver) < Members)
        {
            if (clock.Elapsed > StartTimeout)
                throw new TimeoutException($"The driver sees {DifferentialCluster.WorkersUp(Driver)} workers up, not {Members}:\n{Log()}");
            await Task.Delay(100);
        }
    }

    /// <summary>What the members printed, for failure messages.</summary>
    public string Log()
    {
        lock (logs)
            return string.Join("\n", logs.TakeLast(60));
    }

    public async Task DisposeAsync()
    {
        if (Driver is not null)
            await Driver.DisposeAsync();
        foreach (var process in processes)
        {
            try
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }
            process.Dispose();
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
