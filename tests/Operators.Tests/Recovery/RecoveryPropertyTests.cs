using System.Collections.Concurrent;
using CsCheck;

namespace AkkaDifferential.Operators.Tests.Recovery;

/// <summary>
/// Random rounds of updates through a count per key, observed by every kind of endpoint on the driver (a capture
/// keeping its full history, a consolidated capture, a change stream with and one without contents, a probe), while
/// buckets and the frontier actor are lost at random points of the run: before the round's time advances (its
/// updates still open), after it (the round in flight), or between rounds. After every round, every endpoint must
/// hold exactly what a computation from scratch over the accumulated input gives at every closed time: the captures'
/// collections, each change stream's elements (each closed time once, with the recomputed changes and contents).
/// No update appears twice in the capture (one per record and time, as without a loss), and the probe's frontier
/// never goes back.
/// </summary>
public sealed class RecoveryPropertyTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>What happens to the dataflow during a round.</summary>
    public enum Loss
    {
        None,
        BucketWhileOpen,
        BucketInFlight,
        Frontier,
    }

    private sealed record Change(int Value, long Diff, int Later);

    private sealed record Round(Change[] Changes, int Step, Loss Loss, int Bucket);

    private static readonly Gen<Change> ChangeGen = Gen.Select(Gen.Int[0, 11], Gen.Long[-2, 2], Gen.Int[0, 2],
        (value, diff, later) => new Change(value, diff == 0 ? 1 : diff, later));

    private static readonly Gen<Loss> LossGen = Gen.Int[0, 8].Select(i => i switch
    {
        0 => Loss.BucketWhileOpen,
        1 => Loss.BucketInFlight,
        2 => Loss.Frontier,
        _ => Loss.None,
    });

    private static readonly Gen<Round[]> RoundsGen = Gen.Select(ChangeGen.Array[0, 10], Gen.Int[1, 2], LossGen, Gen.Int[0, 2],
        (changes, step, loss, bucket) => new Round(changes, step, loss, bucket)).Array[2, 8];

    /// <summary>The handles of the dataflow under test.</summary>
    internal sealed record Handles(
        InputSession<int, long, long> Input,
        CaptureHandle<(int, long), long, long> Full,
        CaptureHandle<(int, long), long, long> Consolidated,
        ChangeStream<(int, long), long, long> Accumulated,
        ChangeStream<(int, long), long, long> Plain,
        ProbeHandle<long> Probe);

    internal static Handles Build(Scope<long> scope)
    {
        var (input, numbers) = scope.NewCollection<int>("numbers");
        var counts = numbers.Map(x => x % 5).Count().Consolidate();
        return new Handles(input, counts.Capture(), counts.Capture(CaptureMode.Consolidated), counts.Changes(accumulate: true), counts.Changes(), counts.Probe());
    }

    [Fact]
    public async Task Every_endpoint_stays_exact_at_every_closed_time_whatever_is_lost_and_when() =>
        await RoundsGen.SampleAsync(async rounds => await Run(rounds), iter: 12, threads: 1);

    [Fact]
    public async Task Losing_a_bucket_in_every_round_and_the_frontier_twice_keeps_every_endpoint_exact()
    {
        var changes = Enumerable.Range(0, 12).Select(i => new Change(i, 1, i % 2)).ToArray();
        Round[] rounds =
        [
            new(changes, 1, Loss.BucketInFlight, 0),
            new(changes, 2, Loss.Frontier, 0),
            new([.. changes.Select(c => c with { Diff = -1 })], 1, Loss.BucketWhileOpen, 1),
            new(changes, 1, Loss.BucketInFlight, 2),
            new(changes, 1, Loss.Frontier, 0),
            new(changes, 1, Loss.BucketWhileOpen, 2),
        ];
        await Run(rounds);
    }

    private static async Task Run(Round[] rounds)
    {
        await using var losable = LosableEngine.Create();
        var definition = losable.Engine.Register<long, int, Handles>("counts", static (scope, _) => Build(scope));
        await using var dataflow = await losable.Engine.DeployAsync(definition, 0, buckets: 3);
        var (input, full, consolidated, accumulated, plain, probe) = dataflow.Handles;
        var accumulatedRead = ReadAll(accumulated);
        var plainRead = ReadAll(plain);
        using var watching = new CancellationTokenSource();
        var regressions = WatchFrontier(probe, watching.Token);
        var sent = new List<(int Value, long Time, long Diff)>();
        var time = 0L;
        var losses = 0;
        foreach (var round in rounds)
        {
            foreach (var change in round.Changes)
            {
                input.UpdateAt(change.Value, time + change.Later, change.Diff);
                sent.Add((change.Value, time + change.Later, change.Diff));
            }
            if (round.Loss == Loss.BucketWhileOpen)
                LosableEngine.Lose(dataflow, round.Bucket);
            var closedBefore = time;
            time += round.Step;
            input.AdvanceTo(time);
            if (round.Loss == Loss.BucketInFlight)
                LosableEngine.Lose(dataflow, round.Bucket);
            if (round.Loss == Loss.Frontier)
                losable.LoseFrontier();
            if (round.Loss != Loss.None)
                losses++;
            await probe.WhenPassed(time - 1).WaitAsync(Timeout);
            for (var t = closedBefore; t < time; t++)
                Assert.Equal(CountsAt(t, sent), (await full.CollectionAt(t)).ToDictionary());
            Assert.Equal(CountsAt(time - 1, sent), (await consolidated.CollectionAt(time - 1)).ToDictionary());
            // The next loss is of the incarnation this one's recovery deployed.
            await LosableEngine.RecoveredAsync(dataflow, losses, Timeout);
        }
        input.Close();
        await probe.WhenDone().WaitAsync(Timeout);
        await watching.CancelAsync();
        Assert.Empty(await regressions);

        var log = full.Updates;
        var twice = log.GroupBy(u => (u.Data, u.Time)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"Updates told twice: {string.Join(", ", twice)}");
        for (var t = 0L; t <= time; t++)
            Assert.Equal(ChangesAt(t, sent), log.Where(u => u.Time == t).ToDictionary(u => u.Data, u => u.Diff));

        foreach (var (elements, contents) in new[] { (await accumulatedRead.WaitAsync(Timeout), true), (await plainRead.WaitAsync(Timeout), false) })
        {
            Assert.Equal(elements.Count, elements.Select(e => e.Time).Distinct().Count());
            var expected = Enumerable.Range(0, (int)time + 3).Select(t => (Time: (long)t, Changes: ChangesAt(t, sent))).Where(e => e.Changes.Count > 0).ToList();
            Assert.Equal(expected.Select(e => e.Time), elements.Select(e => e.Time));
            foreach (var element in elements)
            {
                Assert.Equal(ChangesAt(element.Time, sent), element.Changes.ToDictionary(c => c.Data, c => c.Diff));
                if (contents)
                    Assert.Equal(CountsAt(element.Time, sent), element.Contents!.ToDictionary());
            }
        }
        Assert.Equal(losses, dataflow.Recoveries);
    }

    /// <summary>The count per key (value mod 5) of the input accumulated at <paramref name="time"/>.</summary>
    private static Dictionary<(int, long), long> CountsAt(long time, List<(int Value, long Time, long Diff)> sent) =>
        sent.Where(u => u.Time <= time)
            .GroupBy(u => u.Value % 5)
            .Select(g => (Key: g.Key, Count: g.Sum(u => u.Diff)))
            .Where(g => g.Count != 0)
            .ToDictionary(g => (g.Key, g.Count), _ => 1L);

    /// <summary>The output's changes at exactly <paramref name="time"/>: its counts there less those just before.</summary>
    private static Dictionary<(int, long), long> ChangesAt(long time, List<(int Value, long Time, long Diff)> sent)
    {
        var changes = CountsAt(time, sent);
        foreach (var (data, diff) in time > 0 ? CountsAt(time - 1, sent) : [])
            changes[data] = changes.GetValueOrDefault(data) - diff;
        return changes.Where(kv => kv.Value != 0).ToDictionary();
    }

    private static async Task<List<TimeChanges<(int, long), long, long>>> ReadAll(ChangeStream<(int, long), long, long> stream)
    {
        var elements = new List<TimeChanges<(int, long), long, long>>();
        await foreach (var element in stream)
            elements.Add(element);
        return elements;
    }

    /// <summary>Samples the probe's frontier until cancelled and returns every step back it saw.</summary>
    private static Task<List<string>> WatchFrontier(ProbeHandle<long> probe, CancellationToken cancellation) => Task.Run(async () =>
    {
        var regressions = new ConcurrentBag<string>();
        var seen = -1L;
        while (!cancellation.IsCancellationRequested)
        {
            var frontier = probe.Frontier;
            var at = frontier.IsEmpty ? long.MaxValue : frontier.Elements.Min();
            if (at < seen)
                regressions.Add($"{seen} -> {at}");
            seen = Math.Max(seen, at);
            await Task.Delay(1, CancellationToken.None);
        }
        return regressions.ToList();
    });
}
