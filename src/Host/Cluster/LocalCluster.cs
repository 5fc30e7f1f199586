using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace AkkaDifferential.Host.Cluster;

/// <summary>
/// Cluster members as processes of this host on this machine (<c>node --port P --seeds … --parent PID</c>), each on a
/// free port of 127.0.0.1, the first one the seed. <see cref="StartAsync"/> returns once every member has printed
/// that it is up; <see cref="DisposeAsync"/> kills them all. So that none outlives its starter, this process kills
/// them when it exits or is interrupted (Ctrl+C, SIGTERM, SIGHUP), and every member stops by itself once the starting
/// process has exited (<c>--parent</c>), even one killed without a chance to clean up. A member can be killed
/// without warning (<see cref="Kill(string)"/>, as a crash would) and others started to join the live ones
/// (<see cref="AddAsync"/>), to exercise recovery.
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    private const int KeptLogLines = 60;
    private readonly List<Process> processes = [];
    private readonly Dictionary<string, Process> members = [];
    private readonly Queue<string> log = new();
    private readonly List<PosixSignalRegistration> signals = [];
    private readonly string? configFile;
    private readonly RemotingTls? tls;
    private int disposed;

    private LocalCluster(string? configFile, RemotingTls? tls)
    {
        this.configFile = configFile;
        this.tls = tls;
    }

    /// <summary>The seed member, as <c>127.0.0.1:port</c>: what a driver joins (<c>--cluster</c>).</summary>
    public string Seed { get; private set; } = "";

    /// <summary>Every live member's address, as it printed it, in start order.</summary>
    public IReadOnlyList<string> Addresses { get; private set; } = [];

    /// <summary>The members' process ids.</summary>
    public IReadOnlyList<int> ProcessIds => [.. processes.Select(p => p.Id)];

    /// <summary>Starts <paramref name="members"/> members and waits until each says it is up.</summary>
    /// <param name="members">How many members; at least one.</param>
    /// <param name="hocon">HOCON every member reads over config/cluster.conf (<c>--config</c>), or null.</param>
    /// <param name="timeout">How long the members may take to come up, all together.</param>
    /// <param name="tls">
    /// TLS for the members (in their environment, <see cref="RemotingTls.CertificateVariable"/> and
    /// <see cref="RemotingTls.PasswordVariable"/>), or null for what this process's environment says.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="members"/> is less than one.</exception>
    /// <exception cref="InvalidOperationException">A member exited before it was up; the message holds what the members printed. The others are stopped.</exception>
    /// <exception cref="TimeoutException">Not every member was up within <paramref name="timeout"/>; the members are stopped.</exception>
    public static async Task<LocalCluster> StartAsync(int members, string? hocon, TimeSpan timeout, RemotingTls? tls = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(members, 1);
        string? config = null;
        if (hocon is not null)
        {
            config = Path.Combine(Path.GetTempPath(), $"akka-differential-members-{Guid.NewGuid():N}.conf");
            await File.WriteAllTextAsync(config, hocon);
        }
        var cluster = new LocalCluster(config, tls);
        try
        {
            AppDomain.CurrentDomain.ProcessExit += cluster.KillOnExit;
            foreach (var (signal, number) in new[] { (PosixSignal.SIGINT, 2), (PosixSignal.SIGTERM, 15), (PosixSignal.SIGHUP, 1) })
                cluster.signals.Add(PosixSignalRegistration.Create(signal, context => cluster.Interrupted(context, number)));
            var ports = FreePorts(members);
            cluster.Seed = $"127.0.0.1:{ports[0]}";
            await cluster.StartMembersAsync(ports, cluster.Seed, timeout);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the member at <paramref name="address"/> with SIGKILL, as a crash would (no leaving), and waits for its process to end.</summary>
    /// <exception cref="ArgumentException">No live member has that address.</exception>
    public void Kill(string address)
    {
        if (!members.Remove(address, out var process))
            throw new ArgumentException($"No live member of this cluster is at {address}.", nameof(address));
        Addresses = [.. Addresses.Where(a => a != address)];
        process.Kill();
        process.WaitForExit();
    }

    /// <summary>Starts <paramref name="count"/> more members, which join the live ones, and waits until each says it is up.</summary>
    /// <exception cref="InvalidOperationException">No member is live to join, or a member exited before it was up.</exception>
    /// <exception cref="TimeoutException">Not every new member was up within <paramref name="timeout"/>.</exception>
    public Task AddAsync(int count, TimeSpan timeout)
    {
        if (Addresses.Count == 0)
            throw new InvalidOperationException("No member of this cluster is live for new ones to join.");
        var seeds = string.Join(",", Addresses.Select(a => $"127.0.0.1:{a[(a.LastIndexOf(':') + 1)..]}"));
        return StartMembersAsync(FreePorts(count), seeds, timeout);
    }

    private async Task StartMembersAsync(List<int> ports, string seeds, TimeSpan timeout)
    {
        var ups = new List<Task<string>>();
        var started = new List<Process>();
        foreach (var port in ports)
        {
            List<string> args = ["node", "--port", $"{port}", "--seeds", seeds, "--parent", $"{Environment.ProcessId}", "--join-timeout", $"{Math.Max(1, (int)timeout.TotalSeconds)}"];
            if (configFile is not null)
                args.AddRange(["--config", configFile]);
            var process = new Process { StartInfo = HostProcess.StartInfo(args, redirectError: true), EnableRaisingEvents = true };
            if (tls is not null)
            {
                process.StartInfo.Environment[RemotingTls.CertificateVariable] = tls.CertificatePath;
                process.StartInfo.Environment[RemotingTls.PasswordVariable] = tls.Password;
            }
            var up = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                    return;
                Keep($"[{port}] {e.Data}");
                if (e.Data.StartsWith(NodeCommand.UpLine, StringComparison.Ordinal))
                    up.TrySetResult(e.Data[NodeCommand.UpLine.Length..]);
            };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                    Keep($"[{port} stderr] {e.Data}");
            };
            process.Exited += (_, _) =>
            {
                // Exited can come before the last lines of output are read: wait for both streams to end first.
                process.WaitForExit();
                up.TrySetException(new InvalidOperationException($"The member on port {port} exited with code {process.ExitCode} before it was up:\n{Log()}"));
            };
            process.Start();
            lock (processes)
                processes.Add(process);
            started.Add(process);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            ups.Add(up.Task);
        }
        var all = Task.WhenAll(ups);
        if (await Task.WhenAny(all, Task.Delay(timeout)) != all)
            throw new TimeoutException($"The {ports.Count} members did not come up within {timeout.TotalSeconds:0} s:\n{Log()}");
        var addresses = await all;
        for (var i = 0; i < addresses.Length; i++)
            members[addresses[i]] = started[i];
        Addresses = [.. Addresses, .. addresses];
    }

    /// <summary>The last lines the members printed, for error messages.</summary>
    public string Log()
    {
        lock (log)
            return string.Join("\n", log);
    }

    private void Keep(string line)
    {
        lock (log)
        {
            log.Enqueue(line);
            if (log.Count > KeptLogLines)
                log.Dequeue();
        }
    }

    /// <summary>Kills every member and waits for it to exit.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
            return;
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        foreach (var signal in signals)
            signal.Dispose();
        List<Process> started;
        lock (processes)
            started = [.. processes];
        foreach (var process in started)
        {
            Kill(process);
            await process.WaitForExitAsync();
            process.Dispose();
        }
        if (configFile is not null)
            File.Delete(configFile);
    }

    private void KillOnExit(object? sender, EventArgs e) => KillAll();

    /// <summary>
    /// Ends this process on a signal, the members first: its runs cannot go on without them, and what they would
    /// report is the loss of the members, not the interruption.
    /// </summary>
    private void Interrupted(PosixSignalContext context, int number)
    {
        context.Cancel = true;
        KillAll();
        Console.Error.WriteLine($"interrupted ({context.Signal}): the {processes.Count} cluster members started here are stopped");
        Environment.Exit(128 + number);
    }

    private void KillAll()
    {
        lock (processes)
            foreach (var process in processes)
                Kill(process);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has exited already.
        }
    }

    /// <summary><paramref name="count"/> distinct ports of 127.0.0.1 that were free a moment ago (held open together, so distinct).</summary>
    private static List<int> FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            foreach (var listener in listeners)
                listener.Start();
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
                listener.Stop();
        }
    }
}
