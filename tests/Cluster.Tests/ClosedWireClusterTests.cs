using System.Diagnostics;
using Akka.Actor;
using AkkaDifferential.Arrangements.Updates;
using AkkaDifferential.Cluster.Wire;
using AkkaDifferential.Operators.Runtime;

namespace AkkaDifferential.Cluster.Tests;

/// <summary>
/// The closed wire on real member processes: frames naming a type that no member admits (<see cref="Version"/>,
/// which every member has: a value without a serializer of its own, and a data batch of it) reach every member, which
/// refuses them and logs the type; the members and a dataflow running across them go on, and its output equals the
/// degrees recomputed from the edges. Members and the driver listen on 127.0.0.1 only.
/// </summary>
[Collection(ThreeMembers.Name)]
public sealed class ClosedWireClusterTests(MemberProcesses cluster)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Frames_naming_a_type_not_admitted_are_refused_and_logged_by_every_member_and_the_dataflow_goes_on()
    {
        await using var dataflow = await cluster.Driver.DeployAsync(cluster.Definitions["degrees"], 0, 6);
        var (edges, capture, probe, _) = dataflow.Handles;
        var graph = new List<(int, int)> { (1, 2), (1, 3), (4, 1) };
        foreach (var edge in graph)
            edges.Insert(edge);
        edges.AdvanceTo(1);
        await probe.WhenPassed(0).WaitAsync(Timeout);
        Assert.Equal(Degrees(graph), (await capture.CollectionAt(0)).ToDictionary());

        // One frame at a time, each waited for in the members' output (of which the cluster keeps the last lines only).
        var refused = $"The wire refused type '{AllowedTypes.NameOf(typeof(Version))}'";
        var seen = new HashSet<string>();
        foreach (var member in cluster.Addresses)
        {
            var reporter = cluster.Driver.System.ActorSelection(member + TrafficReporter.Path);
            await RefusedAsync(() => reporter.Tell(new Version(1, 2)), refused, seen);
            await RefusedAsync(() => reporter.Tell(new RuntimeProtocol.Deliver(0, 0, new UpdateBatch<Version, long, long>([new Version(3, 4)], [0], [1]))), refused, seen);
        }

        foreach (var member in cluster.Addresses)
            await DifferentialCluster.TrafficAsync(cluster.Driver, member);
        Assert.Equal(MemberProcesses.Members, DifferentialCluster.WorkersUp(cluster.Driver));
        graph.Add((2, 3));
        graph.Remove((1, 3));
        edges.Insert((2, 3));
        edges.Remove((1, 3));
        edges.AdvanceTo(2);
        await probe.WhenPassed(1).WaitAsync(Timeout);
        Assert.Equal(Degrees(graph), (await capture.CollectionAt(1)).ToDictionary());
    }

    [Fact]
    public void Members_and_the_driver_listen_on_127_0_0_1_only()
    {
        Assert.Equal("127.0.0.1", DifferentialCluster.MemberConfig(0, ["127.0.0.1:4053"], true, null).GetString("akka.remote.dot-netty.tcp.hostname"));
        foreach (var member in cluster.Addresses)
            Assert.Equal("127.0.0.1", Address.Parse(member).Host);
        var self = Akka.Cluster.Cluster.Get(cluster.Driver.System).SelfAddress;
        Assert.Equal("127.0.0.1", self.Host);
        // The socket itself: /proc/net/tcp lists listening sockets (state 0A) as hex address:port, 0100007F for 127.0.0.1.
        // IPv6 sockets list 127.0.0.1 as 0000000000000000FFFF00000100007F.
        var listening = new[] { "/proc/net/tcp", "/proc/net/tcp6" }.SelectMany(File.ReadAllLines)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length > 3 && fields[3] == "0A" && fields[1].Contains(':') && Convert.ToInt32(fields[1].Split(':')[1], 16) == self.Port)
            .Select(fields => fields[1].Split(':')[0])
            .ToList();
        Assert.NotEmpty(listening);
        Assert.All(listening, address => Assert.True(address is "0100007F" or "0000000000000000FFFF00000100007F", $"the driver listens on {address}, not 127.0.0.1"));
    }

    private static Dictionary<(int, int), long> Degrees(IEnumerable<(int Src, int Dst)> graph) =>
        graph.GroupBy(e => e.Src).GroupBy(g => g.Count()).ToDictionary(d => (d.Key, d.Count()), _ => 1L);

    /// <summary>Sends a frame and waits for one more line of the members' output that logs its refusal.</summary>
    private async Task RefusedAsync(Action send, string refused, HashSet<string> seen)
    {
        var before = seen.Count;
        send();
        var clock = Stopwatch.StartNew();
        while (seen.Count == before)
        {
            Assert.True(clock.Elapsed < Timeout, $"no member logged a refusal of Version within {Timeout.TotalSeconds} s:\n{cluster.Log()}");
            foreach (var line in cluster.Log().Split('\n'))
                if (line.Contains(refused, StringComparison.Ordinal))
                    seen.Add(line);
            await Task.Delay(10);
        }
    }
}
