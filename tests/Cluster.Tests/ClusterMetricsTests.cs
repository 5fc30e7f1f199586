using System.Diagnostics.Metrics;

namespace AkkaDifferential.Cluster.Tests;

/// <summary>
/// A dataflow deployed by name on three member processes: its buckets report their counters to the driver by message
/// (through the wire's metrics serializer), so the driver's snapshot counts every record of a known input exactly once
/// over all buckets, per bucket with the member it runs on, every member among them, both when the driver asks and by
/// the members' periodic reports; the driver's meter measures the same figures per bucket.
/// </summary>
[Collection(ThreeMembers.Name)]
public sealed class ClusterMetricsTests(MemberProcesses cluster)
{
    private const int Buckets = 6;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_driver_counts_every_record_once_over_the_buckets_of_every_member()
    {
        await using var dataflow = await cluster.Driver.DeployAsync(cluster.Definitions["degrees"], 0, Buckets);
        var (edges, _, probe, _) = dataflow.Handles;
        const int Edges = 1000;
        for (var i = 0; i < Edges; i++)
            edges.Insert((i % 250, i));
        edges.AdvanceTo(1);
        await probe.WhenPassed(0).WaitAsync(Timeout);

        // Unasked: the members' buckets report every second while their counters change.
        var deadline = DateTime.UtcNow + Timeout;
        while (Sources(dataflow.Metrics.Snapshot()).Map.RecordsIn != Edges)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The buckets' periodic reports never counted {Edges} records: {dataflow.Metrics.Snapshot()}");
            await Task.Delay(50);
        }
        var snapshot = await dataflow.Metrics.SnapshotAsync().WaitAsync(Timeout);
        var (input, map, count) = Sources(snapshot);
        Assert.Equal(Edges, input.RecordsOut);
        Assert.Equal((Edges, Edges), (map.RecordsIn, map.RecordsOut));
        // The map's outputs are exchanged by node to the count's arrangement, 250 nodes: each record arrives at one bucket.
        Assert.Equal(Edges, count.RecordsIn);
        Assert.Equal(250, count.Arrangement!.Value.Updates);

        // Every bucket reported, from the member that runs it, and the members are all three.
        var homes = dataflow.Buckets.Select(b => b.Path.Address.ToString()).ToList();
        foreach (var op in new[] { map, count })
        {
            Assert.Equal(Enumerable.Range(0, Buckets), op.Buckets.Select(b => b.Bucket));
            Assert.All(op.Buckets, b => Assert.Equal(homes[b.Bucket], b.Member));
            Assert.Equal(op.RecordsIn, op.Buckets.Sum(b => b.RecordsIn));
        }
        Assert.Equal(cluster.Addresses.Order(), map.Buckets.Select(b => b.Member).Distinct().Order());
        Assert.Equal(250, count.Buckets.Sum(b => b.Arrangement!.Value.Updates));

        // A round of removals: counted exactly, when asked, right after the probe passed it.
        for (var i = 0; i < 100; i++)
            edges.Remove((i % 250, i));
        edges.AdvanceTo(2);
        await probe.WhenPassed(1).WaitAsync(Timeout);
        (_, map, count) = Sources(await dataflow.Metrics.SnapshotAsync().WaitAsync(Timeout));
        Assert.Equal((Edges + 100, Edges + 100), (map.RecordsIn, count.RecordsIn));
        Assert.Equal("{2}", count.Frontier);

        // The driver's meter: the map's records per bucket, tagged with the bucket and its member, adding up.
        var measured = RecordsIn(dataflow.Id, map.Name);
        Assert.Equal(Enumerable.Range(0, Buckets), measured.Select(m => m.Bucket).Order());
        Assert.All(measured, m => Assert.Equal(homes[m.Bucket], m.Member));
        Assert.Equal(Edges + 100, measured.Sum(m => m.Value));
    }

    /// <summary>The input, the map reading it, and the first arrangement (the count's), which every record of the map reaches.</summary>
    private static (OperatorSnapshot Input, OperatorSnapshot Map, OperatorSnapshot Count) Sources(DataflowSnapshot snapshot)
    {
        var input = snapshot.Operators.Single(o => o.Kind == "Input");
        var map = snapshot.Operators.Single(o => o.Inputs.SequenceEqual([input.Index]));
        var count = snapshot.Operators.First(o => o.Kind.StartsWith("Arrange", StringComparison.Ordinal));
        return (input, map, count);
    }

    /// <summary>The measurements of <c>akka_differential.operator.records_in</c> for operator <paramref name="op"/> of dataflow <paramref name="id"/>.</summary>
    private static List<(int Bucket, string Member, long Value)> RecordsIn(DataflowId id, string op)
    {
        var measured = new List<(int, string, long)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == DifferentialMeter.Name && instrument.Name == "akka_differential.operator.records_in")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var all = tags.ToArray().ToDictionary(t => t.Key, t => t.Value);
            if (all["dataflow.id"] as string == id.ToString() && all["operator"] as string == op)
                measured.Add(((int)all["bucket"]!, (string)all["member"]!, value));
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return measured;
    }
}
