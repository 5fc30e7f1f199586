using AkkaDifferential.Operators.Dataflows;
using CsCheck;

namespace AkkaDifferential.Operators.Tests.Collections;

/// <summary>
/// Random update sequences at random times through a pipeline of every linear operator, on several buckets. At
/// every time the input has closed, the captured output must accumulate to exactly what LINQ computes on the
/// accumulated input, and the probe may not pass a time before every update at it has been inspected.
/// </summary>
public sealed class LinearOperatorsPropertyTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    /// <summary>One update the test makes: a record, a difference, and an offset from the session's time.</summary>
    private sealed record Change(int Value, long Diff, int Later, int LaterInner);

    /// <summary>One round: updates at or after the session's time, then an advance of the session's time.</summary>
    private sealed record Round(Change[] Changes, int Advance, int AdvanceInner);

    private static readonly Gen<Change> ChangeGen = Gen.Select(Gen.Int[0, 12], Gen.Long[-2, 2], Gen.Int[0, 2], Gen.Int[0, 1],
        (value, diff, later, inner) => new Change(value, diff == 0 ? 1 : diff, later, inner));

    private static readonly Gen<Round[]> RoundsGen = Gen.Select(ChangeGen.Array[0, 8], Gen.Int[0, 2], Gen.Int[0, 1],
        (changes, advance, inner) => new Round(changes, advance, inner)).Array[1, 6];

    [Fact]
    public async Task Totally_ordered_times_match_linq_recomputation_at_every_closed_time() =>
        await RoundsGen.SampleAsync(async rounds => await Run<long>(rounds, buckets: 3,
            at: (time, change) => time + change.Later,
            advance: (time, round) => time + Math.Max(1, round.Advance),
            candidates: last => Enumerable.Range(0, (int)last + 4).Select(t => (long)t)), iter: 25, threads: 1);

    [Fact]
    public async Task Partially_ordered_times_match_linq_recomputation_at_every_closed_time() =>
        await RoundsGen.SampleAsync(async rounds => await Run<Product<long, int>>(rounds, buckets: 4,
            at: (time, change) => new Product<long, int>(time.Outer + change.Later, time.Inner + change.LaterInner),
            advance: (time, round) => round.Advance == 0 && round.AdvanceInner == 0
                ? time with { Inner = time.Inner + 1 }
                : new Product<long, int>(time.Outer + round.Advance, time.Inner + round.AdvanceInner),
            candidates: last => from o in Enumerable.Range(0, (int)last.Outer + 3)
                                from i in Enumerable.Range(0, last.Inner + 3)
                                select new Product<long, int>(o, i)), iter: 25, threads: 1);

    private async Task Run<TTime>(
        Round[] rounds,
        int buckets,
        Func<TTime, Change, TTime> at,
        Func<TTime, Round, TTime> advance,
        Func<TTime, IEnumerable<TTime>> candidates) where TTime : notnull
    {
        var dataflow = await fixture.Engine.BuildAsync<TTime, LinearPipeline.Handles<TTime>>(LinearPipeline.Build, buckets);
        await using var _ = dataflow;
        var (input, capture, probe, inspected) = dataflow.Handles;
        var sent = new List<(int Value, TTime Time, long Diff)>();
        var verified = new HashSet<TTime>();
        var time = Timestamp.Minimum<TTime>();
        foreach (var round in rounds)
        {
            foreach (var change in round.Changes)
            {
                var when = at(time, change);
                input.UpdateAt(change.Value, when, change.Diff);
                sent.Add((change.Value, when, change.Diff));
            }
            time = advance(time, round);
            input.AdvanceTo(time);
            foreach (var closed in candidates(time).Where(t => !Lattice.LessEqual(time, t) && verified.Add(t)))
            {
                var expected = LinearPipeline.Expected(Accumulate(sent, closed));
                await probe.WhenPassed(closed).WaitAsync(TimeSpan.FromSeconds(10));
                var seen = Accumulate(inspected.Select(u => (u.Data, u.Time, u.Diff)).ToList(), closed);
                Assert.Equal(expected, seen.Where(kv => kv.Value != 0).ToDictionary());
                var captured = await capture.CollectionAt(closed).WaitAsync(TimeSpan.FromSeconds(10));
                Assert.Equal(expected, captured.ToDictionary());
            }
        }
        input.Close();
        await probe.WhenDone().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(probe.Done);
    }

    private static Dictionary<int, long> Accumulate<TTime>(IReadOnlyList<(int Value, TTime Time, long Diff)> updates, TTime time)
    {
        var result = new Dictionary<int, long>();
        foreach (var (value, when, diff) in updates)
            if (Lattice.LessEqual(when, time))
                result[value] = result.GetValueOrDefault(value) + diff;
        return result;
    }
}
