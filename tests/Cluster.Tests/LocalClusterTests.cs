using System.Diagnostics;
using System.Text.RegularExpressions;
using AkkaDifferential.Host.Benchmarks;
using AkkaDifferential.Host.Cluster;

namespace AkkaDifferential.Cluster.Tests;

/// <summary>
/// Member processes that a command starts itself: <c>bench --cluster N</c> starts N members, runs on them with the
/// answers of LINQ and stops them all; a member started with <c>--parent</c> stops once that process has exited; a
/// member that cannot start is reported with what it printed, and the others are stopped.
/// </summary>
public sealed partial class LocalClusterTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Bench_with_a_number_of_members_starts_them_runs_on_them_and_stops_them()
    {
        var lines = new StringWriter();
        var config = new BenchConfig("hello", 300, 1_500, 3, Rounds: 5, Buckets: 1, LinqRounds: 5, Verify: true, Warmup: false, Pairs: 1, Cluster: "2");
        var outcome = await BenchRunner.RunAsync(config, new ProgressDisplay(lines, terminal: false)).WaitAsync(Timeout);

        Assert.True(outcome.Result.Verified);
        var comparison = Assert.IsType<ClusterComparison>(outcome.Result.Cluster);
        Assert.Equal(2, comparison.Members);
        Assert.Equal(2, comparison.Buckets);
        var started = Processes().Match(lines.ToString());
        Assert.True(started.Success, $"No line names the members' processes:\n{lines}");
        var ids = started.Groups[1].Value.Split(", ").Select(int.Parse).ToList();
        Assert.Equal(2, ids.Count);
        Assert.All(ids, id => Assert.False(Running(id), $"Member process {id} still runs after the bench."));
    }

    [Fact]
    public async Task A_member_started_with_a_parent_stops_once_the_parent_has_exited()
    {
        using var parent = Process.Start(new ProcessStartInfo("sleep", "3") { UseShellExecute = false })!;
        var port = FreePort();
        using var member = Process.Start(HostProcess.StartInfo(
            ["node", "--port", $"{port}", "--seeds", $"127.0.0.1:{port}", "--parent", $"{parent.Id}"], redirectError: true))!;
        // Akka's warnings go to the output too: read up to the line that says the member is up, and drain the rest.
        string? line;
        while ((line = await member.StandardOutput.ReadLineAsync().WaitAsync(Timeout)) is not null && !line.StartsWith(NodeCommand.UpLine, StringComparison.Ordinal))
        {
        }
        Assert.NotNull(line);
        var rest = member.StandardOutput.ReadToEndAsync();
        var errors = member.StandardError.ReadToEndAsync();
        Assert.False(member.HasExited);

        await parent.WaitForExitAsync().WaitAsync(Timeout);
        await member.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(member.ExitCode == 0, $"The member exited with {member.ExitCode}:\n{await rest}\n{await errors}");
    }

    [Fact]
    public async Task A_member_that_cannot_start_is_reported_with_what_it_printed()
    {
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => LocalCluster.StartAsync(2, "akka-differential.bukets = 3", Timeout));

        Assert.Contains("exited with code 2 before it was up", failed.Message, StringComparison.Ordinal);
        Assert.Contains("bukets", failed.Message, StringComparison.Ordinal);
    }

    private static bool Running(int id)
    {
        try
        {
            using var process = Process.GetProcessById(id);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [GeneratedRegex(@"\(processes ([0-9, ]+)\)")]
    private static partial Regex Processes();
}
