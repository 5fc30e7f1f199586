using System.Diagnostics.Metrics;

namespace AkkaDifferential.Operators.Tests.Metrics;

/// <summary>
/// Per-operator counters against what the dataflow was given: records and batches in and out, the arrangement's
/// size against the distinct updates it holds, frontiers and their lag behind the inputs, per bucket and summed, as
/// the buckets report them to the driver by message (asked, and every report interval); the meter's measurements and
/// the pictures of the graph.
/// </summary>
public sealed class DataflowMetricsTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_snapshot_counts_each_operators_records_and_the_traces_size()
    {
        await using var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, words) = scope.NewCollection<string>("words");
            var lengths = words.Map(w => (w.Length, w), name: "length");
            var counts = lengths.ArrangeByKey(name: "by-length").AsCollection((length, word) => length).Count();
            return (input, counts.Probe());
        }, buckets: 3);
        var (input, probe) = dataflow.Handles;
        string[] words = ["a", "bb", "cc", "ddd", "eee", "fff", "bb"];
        foreach (var word in words)
            input.Insert(word);
        input.AdvanceTo(1);
        await probe.WhenPassed(0).WaitAsync(Timeout);

        var snapshot = await dataflow.Metrics.SnapshotAsync();
        var source = snapshot["words"];
        Assert.Equal("Input", source.Kind);
        Assert.Equal((0L, 7L, 1L), (source.RecordsIn, source.RecordsOut, source.BatchesOut));
        Assert.Equal("{1}", source.Frontier);
        var length = snapshot["length"];
        Assert.Equal(("Map", 7L, 7L), (length.Kind, length.RecordsIn, length.RecordsOut));
        Assert.Equal([source.Index], length.Inputs);
        Assert.Null(length.Frontier);
        var arranged = snapshot["by-length"];
        Assert.Equal(7, arranged.RecordsIn);
        // Six distinct (length, word) pairs at time 0, in batches holding between them each key once per batch.
        var size = Assert.IsType<ArrangementSize>(arranged.Arrangement);
        Assert.Equal(6, size.Updates);
        Assert.InRange(size.Keys, 3, 3 * size.Batches);
        Assert.Equal(6, arranged.RecordsOut);
        Assert.Equal("{1}", arranged.Frontier);
        Assert.Equal(0, arranged.Lag);
        Assert.Equal(snapshot.Operators.Sum(o => o.RecordsIn), snapshot.RecordsProcessed);
        Assert.Equal(snapshot.Operators.Sum(o => o.BatchesIn), snapshot.BatchesProcessed);
        // Every bucket reported, from this engine's actor system, and the per-bucket figures add up to the operator's.
        Assert.Empty(source.Buckets);
        var member = ((Akka.Actor.ExtendedActorSystem)fixture.Engine.System).Provider.DefaultAddress.ToString();
        foreach (var op in snapshot.Operators.Where(o => o.Kind is not ("Input" or "Probe")))
        {
            Assert.Equal([0, 1, 2], op.Buckets.Select(b => b.Bucket));
            Assert.All(op.Buckets, b => Assert.Equal(member, b.Member));
            Assert.Equal(op.RecordsIn, op.Buckets.Sum(b => b.RecordsIn));
            Assert.Equal(op.RecordsOut, op.Buckets.Sum(b => b.RecordsOut));
            Assert.Equal(op.BatchesIn, op.Buckets.Sum(b => b.BatchesIn));
        }
        Assert.Equal(size.Updates, arranged.Buckets.Sum(b => b.Arrangement!.Value.Updates));
    }

    [Fact]
    public async Task Asked_snapshots_count_every_record_of_every_round_exactly_fused_operators_included()
    {
        await using var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>("numbers");
            // The filter runs fused into the map's activation at each bucket, counting into counters of its own.
            var even = numbers.Map(x => x + 1, name: "plus-one").Filter(x => x % 2 == 0, name: "even");
            return (input, even.Distinct(name: "distinct").Probe());
        }, buckets: 4);
        var (input, probe) = dataflow.Handles;
        long inserted = 0, kept = 0;
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < 10 * (round + 1); i++)
            {
                input.Insert(i);
                inserted++;
                kept += (i + 1) % 2 == 0 ? 1 : 0;
            }
            input.AdvanceTo(round + 1);
            await probe.WhenPassed(round).WaitAsync(Timeout);
            var snapshot = await dataflow.Metrics.SnapshotAsync().WaitAsync(Timeout);
            Assert.Equal((0L, inserted), (snapshot["numbers"].RecordsIn, snapshot["numbers"].RecordsOut));
            Assert.Equal((inserted, inserted), (snapshot["plus-one"].RecordsIn, snapshot["plus-one"].RecordsOut));
            Assert.Equal((inserted, kept), (snapshot["even"].RecordsIn, snapshot["even"].RecordsOut));
            Assert.Equal(kept, snapshot["distinct"].RecordsIn);
            // The arrangement holds no capability: the probe may pass before the frontier actor's change reaches it.
            var deadline = DateTime.UtcNow + Timeout;
            while (snapshot.Operators.Single(o => o.Kind == "ArrangeByKey").Frontier != $"{{{round + 1}}}")
            {
                Assert.True(DateTime.UtcNow < deadline, $"round {round}: the arrangement's frontier was never reported at {round + 1}: {snapshot}");
                snapshot = await dataflow.Metrics.SnapshotAsync().WaitAsync(Timeout);
            }
            Assert.Equal(4, snapshot["even"].Buckets.Count);
        }
    }

    [Fact]
    public async Task Buckets_report_every_interval_without_being_asked()
    {
        await using var engine = DifferentialEngine.Create("akka-differential.metrics-report-interval = 100ms");
        await using var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>("numbers");
            return (input, numbers.Map(x => x * 2, name: "double").Probe());
        }, buckets: 2);
        var (input, probe) = dataflow.Handles;
        for (var round = 1; round <= 3; round++)
        {
            for (var i = 0; i < 7; i++)
                input.Insert(i);
            input.AdvanceTo(round);
            await probe.WhenPassed(round - 1).WaitAsync(Timeout);
            var deadline = DateTime.UtcNow + Timeout;
            while (dataflow.Metrics.Snapshot()["double"].RecordsIn != 7 * round)
            {
                Assert.True(DateTime.UtcNow < deadline, $"round {round}: the buckets' reports never counted {7 * round} records");
                await Task.Delay(20);
            }
            Assert.Equal(7 * round, dataflow.Metrics.Snapshot()["double"].RecordsOut);
        }
    }

    [Fact]
    public async Task With_reports_off_the_driver_sees_the_buckets_only_when_it_asks()
    {
        await using var engine = DifferentialEngine.Create("akka-differential.metrics-report-interval = off");
        await using var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>("numbers");
            return (input, numbers.Map(x => x * 2, name: "double").Probe());
        }, buckets: 2);
        var (input, probe) = dataflow.Handles;
        for (var i = 0; i < 5; i++)
            input.Insert(i);
        input.AdvanceTo(1);
        await probe.WhenPassed(0).WaitAsync(Timeout);
        await Task.Delay(300);
        // The input session runs on the driver and is counted at once; the map's buckets have not reported.
        Assert.Equal((5L, 0L), (dataflow.Metrics.Snapshot()["numbers"].RecordsOut, dataflow.Metrics.Snapshot()["double"].RecordsIn));
        Assert.Equal(5, (await dataflow.Metrics.SnapshotAsync().WaitAsync(Timeout))["double"].RecordsIn);
        Assert.Equal(5, dataflow.Metrics.Snapshot()["double"].RecordsIn);
    }

    [Fact]
    public async Task An_operator_held_back_lags_the_inputs_by_the_rounds_it_has_not_finished()
    {
        using var gate = new ManualResetEventSlim();
        await using var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>("numbers");
            // The map blocks its actor on 2 until the gate opens: the batch holding it stays in flight.
            var slow = numbers.Map(x => x != 2 || gate.Wait(Timeout) ? (x, x) : throw new TimeoutException("the gate never opened"), name: "slow");
            return (input, slow.ArrangeByKey(name: "after").AsCollection((k, v) => k).Probe());
        }, buckets: 1);
        var (input, probe) = dataflow.Handles;
        input.Insert(1);
        input.AdvanceTo(1);
        await probe.WhenPassed(0).WaitAsync(Timeout);
        input.Insert(2);
        input.AdvanceTo(4);
        Assert.Equal("{4}", dataflow.Metrics.Snapshot()["numbers"].Frontier);
        // The bucket cannot collect the blocked map's counters, so it reports the arrangement's without them, by the
        // report interval (a snapshot asked for now would wait for the map).
        var deadline = DateTime.UtcNow + Timeout;
        while (dataflow.Metrics.Snapshot()["after"] is var held && (held.Frontier, held.Lag) != ("{1}", 3L))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The arrangement held back was reported at {held.Frontier} with lag {held.Lag}, not at {{1}} with lag 3.");
            await Task.Delay(20);
        }

        gate.Set();
        await probe.WhenPassed(3).WaitAsync(Timeout);
        var caught = (await dataflow.Metrics.SnapshotAsync())["after"];
        Assert.Equal(("{4}", 0L), (caught.Frontier, caught.Lag));
        input.Close();
        await probe.WhenDone().WaitAsync(Timeout);
        Assert.Equal("{}", dataflow.Metrics.Snapshot()["numbers"].Frontier);
        // The arrangement holds no capability, so the probe may pass before the arrangement is told its input ended.
        deadline = DateTime.UtcNow + Timeout;
        while ((await dataflow.Metrics.SnapshotAsync())["after"].Frontier != "{}")
        {
            Assert.True(DateTime.UtcNow < deadline, "The arrangement was never told that its input ended.");
            await Task.Delay(10);
        }
        Assert.Equal(0L, dataflow.Metrics.Snapshot()["after"].Lag);
    }

    [Fact]
    public async Task The_meter_measures_every_operator_of_running_dataflows_only()
    {
        var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>("metered-input");
            return (input, numbers.Map(x => (x % 2, x), name: "metered-map").ArrangeByKey(name: "metered-arrange").AsCollection((k, v) => v).Probe());
        }, name: "metered");
        var (input, probe) = dataflow.Handles;
        for (var i = 0; i < 10; i++)
            input.Insert(i);
        input.AdvanceTo(1);
        await probe.WhenPassed(0).WaitAsync(Timeout);
        await dataflow.Metrics.SnapshotAsync();

        var measured = Measure();
        Assert.Equal(10, measured[("akka_differential.operator.records_in", "metered-map")]);
        // Per bucket (the default 4), tagged with the bucket and its member; the input session on the driver without.
        Assert.Equal([0, 1, 2, 3], Buckets("akka_differential.operator.records_in", "metered-map"));
        Assert.Equal([0, 1, 2, 3], Buckets("akka_differential.arrangement.updates", "metered-arrange"));
        Assert.Equal([-1], Buckets("akka_differential.operator.records_out", "metered-input"));
        Assert.Equal(10, measured[("akka_differential.operator.records_out", "metered-map")]);
        Assert.Equal(10, measured[("akka_differential.operator.records_out", "metered-input")]);
        Assert.Equal(10, measured[("akka_differential.arrangement.updates", "metered-arrange")]);
        Assert.InRange(measured[("akka_differential.arrangement.keys", "metered-arrange")], 2, 2 * measured[("akka_differential.arrangement.batches", "metered-arrange")]);
        Assert.Equal(0, measured[("akka_differential.operator.frontier_lag", "metered-arrange")]);
        Assert.False(measured.ContainsKey(("akka_differential.arrangement.updates", "metered-map")));

        await dataflow.DisposeAsync();
        Assert.DoesNotContain(Measure().Keys, k => k.Operator.StartsWith("metered-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Describe_draws_the_operator_graph_with_its_counts_as_dot_and_mermaid()
    {
        await using var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (left, lefts) = scope.NewCollection<(int, string)>("left");
            var (right, rights) = scope.NewCollection<(int, string)>("right");
            var joined = lefts.Join(rights).Map(p => p.Item2.Item1 + p.Item2.Item2, name: "concat \"quoted\"");
            return (left, right, joined.Probe());
        }, buckets: 2, name: "pictured");
        var (left, right, probe) = dataflow.Handles;
        left.Insert((1, "a"));
        left.Insert((2, "b"));
        right.Insert((1, "x"));
        left.AdvanceTo(1);
        right.AdvanceTo(1);
        await probe.WhenPassed(0).WaitAsync(Timeout);

        var snapshot = await dataflow.Metrics.SnapshotAsync();
        var join = snapshot.Operators.Single(o => o.Kind == "Join");
        var concat = snapshot["concat \"quoted\""];
        var dot = snapshot.Describe();
        Assert.Equal(dot, dataflow.Describe());
        Assert.StartsWith("digraph \"pictured\" {", dot);
        Assert.Contains($"op{concat.Index} [label=\"concat \\\"quoted\\\" (Map)\\nin: 1 records, ", dot);
        Assert.Contains($"op{join.Inputs[0]} -> op{join.Index} [label=\"in 0\"];", dot);
        Assert.Contains($"op{join.Inputs[1]} -> op{join.Index} [label=\"in 1\"];", dot);
        Assert.Contains($"op{join.Index} -> op{concat.Index};", dot);
        Assert.Contains("trace: 2 keys, 2 updates, ", dot);
        Assert.Equal(snapshot.Operators.Sum(o => o.Inputs.Count), dot.Split('\n').Count(line => line.Contains(" -> ")));
        Assert.EndsWith("}\n", dot.ReplaceLineEndings("\n"));

        var mermaid = dataflow.Describe(GraphFormat.Mermaid);
        Assert.StartsWith("flowchart TD", mermaid);
        Assert.Contains($"op{concat.Index}[\"concat #quot;quoted#quot; (Map)<br/>in: 1 records, ", mermaid);
        Assert.Contains($"op{join.Inputs[1]} -->|in 1| op{join.Index}", mermaid);
        Assert.Contains($"op{join.Index} --> op{concat.Index}", mermaid);
    }

    /// <summary>
    /// The <c>bucket</c> tags of the measurements of <paramref name="instrument"/> for <paramref name="op"/>, sorted (-1
    /// for one without); each bucket's has its <c>member</c> too.
    /// </summary>
    private static List<int> Buckets(string instrument, string op)
    {
        var buckets = new List<int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (published, l) =>
        {
            if (published.Meter.Name == DifferentialMeter.Name && published.Name == instrument)
                l.EnableMeasurementEvents(published);
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var all = tags.ToArray();
            if (all.Single(t => t.Key == "operator").Value as string != op)
                return;
            var bucket = all.SingleOrDefault(t => t.Key == "bucket");
            Assert.Equal(bucket.Key is null, !all.Any(t => t.Key == "member"));
            buckets.Add(bucket.Value is int b ? b : -1);
        });
        listener.Start();
        listener.RecordObservableInstruments();
        buckets.Sort();
        return buckets;
    }

    /// <summary>Every measurement of the meter now, by instrument and operator (summed over dataflows of that operator name).</summary>
    private static Dictionary<(string Instrument, string Operator), long> Measure()
    {
        var measured = new Dictionary<(string, string), long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == DifferentialMeter.Name)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var op = tags.ToArray().Single(t => t.Key == "operator").Value as string;
            var key = (instrument.Name, op!);
            measured[key] = measured.GetValueOrDefault(key) + value;
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return measured;
    }
}
