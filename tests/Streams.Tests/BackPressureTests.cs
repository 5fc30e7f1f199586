using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Xunit.Abstractions;

namespace AkkaDifferential.Streams.Tests;

/// <summary>
/// The Sink's demand follows what the dataflow has absorbed: it stops at the bound while the probe's frontier does
/// not move, resumes as it passes rounds, and a fast producer never gets more than the bound ahead of the dataflow.
/// </summary>
public sealed class BackPressureTests(ITestOutputHelper log) : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Demand_stops_at_the_bound_until_the_dataflow_absorbs_rounds()
    {
        var engine = new DifferentialEngine(Sys);
        await using var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>();
            var (gate, held) = scope.NewCollection<int>();
            return (input, gate, numbers.Concat(held).Probe());
        });
        var (input, gate, probe) = dataflow.Handles;
        var publisher = this.SourceProbe<Update<int, long, long>>()
            .To(input.ToSink(probe, maxInFlight: 4).WithAttributes(Attributes.CreateInputBuffer(1, 1)))
            .Run(Sys.Materializer());
        // Every element opens a round; the gate input holds the probe at time 0, so nothing is absorbed. The sink
        // takes four (the bound); the stage's input buffer (one element, by these attributes) asks for one more.
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(1, publisher.ExpectRequest());
            publisher.SendNext(new Update<int, long, long>(i, i, 1));
        }
        publisher.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        // Rounds 0 and 1 absorbed: two updates leave the flight, and demand for two more comes back.
        gate.AdvanceTo(2);
        for (var i = 5; i < 7; i++)
        {
            Assert.Equal(1, publisher.ExpectRequest());
            publisher.SendNext(new Update<int, long, long>(i, i, 1));
        }
        publisher.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        gate.Close();
        publisher.ExpectRequest();
        publisher.SendComplete();
        await probe.WhenDone().WaitAsync(Timeout);
    }

    [Fact]
    public async Task The_sink_bounds_in_flight_itself_and_does_not_block_its_stage_on_the_sessions_bound()
    {
        // The session's own bound is 1; the sink's is 8. A dataflow held inside an operator absorbs nothing, so a
        // session that waited for absorption would block the stage's thread at its second round and ask for no more.
        using var hold = new ManualResetEventSlim();
        var engine = new DifferentialEngine(Sys, DataflowSettings.Default with { InputMaxInFlight = 1 });
        await using var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>("numbers");
            var held = numbers.Map(x =>
            {
                hold.Wait(Timeout);
                return x;
            });
            return (input, held.Capture(), held.Probe());
        });
        var (input, capture, probe) = dataflow.Handles;
        try
        {
            var publisher = this.SourceProbe<Update<int, long, long>>()
                .To(input.ToSink(probe, maxInFlight: 8).WithAttributes(Attributes.CreateInputBuffer(1, 1)))
                .Run(Sys.Materializer());
            // Eight rounds in flight (the bound), and the stage's buffer of one asks for a ninth.
            for (var i = 0; i < 9; i++)
            {
                Assert.Equal(1, publisher.ExpectRequest());
                publisher.SendNext(new Update<int, long, long>(i, i, 1));
            }
            publisher.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
            Assert.True(input.InFlight >= 8, $"{input.InFlight} updates in flight");
            hold.Set();
            publisher.ExpectRequest();
            publisher.SendComplete();
            await probe.WhenDone().WaitAsync(Timeout);
            Assert.Equal(Enumerable.Range(0, 9).ToDictionary(i => i, _ => 1L), await capture.CollectionAt(8).WaitAsync(Timeout));
        }
        finally
        {
            hold.Set();
        }
    }

    [Fact]
    public async Task A_bound_of_one_still_moves_when_the_absorbed_round_leaves_only_the_open_one()
    {
        // Regression: after the probe passed the only closed round, the open round alone held the bound and the sink
        // waited for an absorption that only its next element could bring.
        var engine = new DifferentialEngine(Sys);
        await using var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>();
            return (input, numbers.Capture(), numbers.Probe());
        });
        var (input, capture, probe) = dataflow.Handles;
        var updates = Enumerable.Range(0, 20).Select(i => new Update<int, long, long>(i, i, 1));
        await Source.From(updates).RunWith(input.ToSink(probe, maxInFlight: 1), Sys.Materializer()).WaitAsync(Timeout);
        Assert.Equal(Enumerable.Range(0, 20).ToDictionary(i => i, _ => 1L), await capture.CollectionAt(19).WaitAsync(Timeout));
    }

    [Fact]
    public async Task A_fast_producer_stays_within_the_bound_ahead_of_the_dataflow()
    {
        const int maxInFlight = 500;
        const int perRound = 10;
        const int count = 50_000;
        var engine = new DifferentialEngine(Sys);
        await using var dataflow = await engine.BuildAsync((Scope<int> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>();
            var counts = numbers.Map(x => x % 100).Count();
            return (input, counts.Probe());
        }, buckets: 4);
        var (input, probe) = dataflow.Handles;
        var peak = 0;
        var emitted = 0;
        var done = Source.From(Enumerable.Range(0, count))
            .Select(i =>
            {
                // Updates at times the probe has passed are absorbed; the rest are in flight.
                var frontier = probe.Frontier;
                var absorbed = frontier.IsEmpty ? count : Math.Min(count, frontier.Elements[0] * perRound);
                emitted++;
                peak = Math.Max(peak, emitted - absorbed);
                return new Update<int, int, long>(i, i / perRound, 1);
            })
            .RunWith(input.ToSink(probe, maxInFlight), Sys.Materializer());
        await done.WaitAsync(Timeout);
        await probe.WhenDone().WaitAsync(Timeout);
        log.WriteLine($"{count} updates, {perRound} per round, bound {maxInFlight}: at most {peak} in flight");
        Assert.Equal(count, emitted);
        // The producer got ahead as far as the bound allows, and no further.
        Assert.InRange(peak, maxInFlight / 2, maxInFlight);
    }
}
