using CsCheck;

namespace AkkaDifferential.Operators.Tests.Keyed;

/// <summary>
/// Random update sequences at random (partially ordered) times, split into batches at random, through every keyed
/// operator, and the linear ones that change differences and times, on several buckets: at every time the inputs have closed, each captured output accumulates to exactly
/// what LINQ computes from scratch on the accumulated inputs. The number of sequences per test is
/// <c>PROPERTY_ITERATIONS</c> (default 250), so a thorough run is one environment variable away. Run on the default
/// engine (<see cref="KeyedOperatorsPropertyTests"/>) and on one whose joins produce one update per activation
/// (<see cref="JoinFuelPropertyTests"/>).
/// </summary>
public abstract class KeyedOperatorsProperties(DifferentialEngine engine)
{
    private static readonly long Iterations = long.TryParse(Environment.GetEnvironmentVariable("PROPERTY_ITERATIONS"), out var n) ? n : 250;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>One update: which input, the record, its difference, how far after the session's time, and whether to flush after it.</summary>
    private sealed record Change(int Input, int Key, int Value, long Diff, int Later, int LaterInner, bool Flush);

    private sealed record Round(Change[] Changes, int Advance, int AdvanceInner);

    private static readonly Gen<Change> ChangeGen = Gen.Select(Gen.Int[0, 2], Gen.Int[0, 4], Gen.Int[0, 5], Gen.Long[-1, 2], Gen.Int[0, 2], Gen.Int[0, 1], Gen.Bool,
        (input, key, value, diff, later, inner, flush) => new Change(input, key, value, diff == 0 ? 1 : diff, later, inner, flush));

    private static readonly Gen<Round[]> RoundsGen = Gen.Select(ChangeGen.Array[0, 10], Gen.Int[0, 2], Gen.Int[0, 1],
        (changes, advance, inner) => new Round(changes, advance, inner)).Array[1, 5];

    [Fact]
    public async Task Totally_ordered_times_match_recomputation() =>
        await RoundsGen.SampleAsync(rounds => Run<long>(rounds, buckets: 3,
            at: (time, change) => time + change.Later,
            delay: time => time + time % 2,
            advance: (time, round) => time + Math.Max(1, round.Advance),
            candidates: last => Enumerable.Range(0, (int)last + 3).Select(t => (long)t)), iter: Iterations, threads: 1);

    [Fact]
    public async Task Partially_ordered_times_match_recomputation() =>
        await RoundsGen.SampleAsync(rounds => Run<Product<long, int>>(rounds, buckets: 2,
            at: (time, change) => new Product<long, int>(time.Outer + change.Later, time.Inner + change.LaterInner),
            delay: time => new Product<long, int>(time.Outer + time.Outer % 2, time.Inner + (int)((time.Outer + time.Inner) % 2)),
            advance: (time, round) => round.Advance == 0 && round.AdvanceInner == 0
                ? time with { Inner = time.Inner + 1 }
                : new Product<long, int>(time.Outer + round.Advance, time.Inner + round.AdvanceInner),
            candidates: last => from o in Enumerable.Range(0, (int)last.Outer + 2)
                                from i in Enumerable.Range(0, last.Inner + 2)
                                select new Product<long, int>(o, i)), iter: Iterations, threads: 1);

    private async Task Run<TTime>(
        Round[] rounds,
        int buckets,
        Func<TTime, Change, TTime> at,
        Func<TTime, TTime> delay,
        Func<TTime, Round, TTime> advance,
        Func<TTime, IEnumerable<TTime>> candidates) where TTime : notnull
    {
        var dataflow = await engine.BuildAsync((Scope<TTime> scope) => KeyedPipeline.Build(scope, delay), buckets);
        await using var _ = dataflow;
        var handles = dataflow.Handles;
        var sent = new List<(Change Change, TTime Time)>();
        var verified = new HashSet<TTime>();
        var time = Timestamp.Minimum<TTime>();
        foreach (var round in rounds)
        {
            foreach (var change in round.Changes)
            {
                var when = at(time, change);
                switch (change.Input)
                {
                    case 0: handles.Pairs.UpdateAt((change.Key, change.Value), when, change.Diff); break;
                    case 1: handles.Others.UpdateAt((change.Key, change.Value), when, change.Diff); break;
                    default: handles.Keys.UpdateAt(change.Key, when, change.Diff); break;
                }
                sent.Add((change, when));
                if (change.Flush)
                {
                    handles.Pairs.Flush();
                    handles.Keys.Flush();
                }
            }
            time = advance(time, round);
            handles.Pairs.AdvanceTo(time);
            handles.Others.AdvanceTo(time);
            handles.Keys.AdvanceTo(time);
            foreach (var closed in candidates(time).Where(t => !Lattice.LessEqual(time, t) && verified.Add(t)))
                await Verify(handles, sent, delay, closed);
        }
    }

    private static async Task Verify<TTime>(KeyedPipeline.Handles<TTime> handles, List<(Change Change, TTime Time)> sent, Func<TTime, TTime> delay, TTime closed) where TTime : notnull
    {
        var visible = sent.Where(s => Lattice.LessEqual(s.Time, closed)).Select(s => s.Change).ToList();
        var expected = KeyedPipeline.Expected(
            Accumulate(visible.Where(c => c.Input == 0).Select(c => ((c.Key, c.Value), c.Diff))),
            Accumulate(visible.Where(c => c.Input == 1).Select(c => ((c.Key, c.Value), c.Diff))),
            Accumulate(visible.Where(c => c.Input == 2).Select(c => (c.Key, c.Diff))),
            Accumulate(sent.Where(s => s.Change.Input == 0 && Lattice.LessEqual(delay(s.Time), closed)).Select(s => ((s.Change.Key, s.Change.Value), s.Change.Diff))));
        await handles.Probe.WhenPassed(closed).WaitAsync(Timeout);
        foreach (var (name, capture) in handles.Outputs)
        {
            var actual = await capture.CollectionAt(closed).WaitAsync(Timeout);
            Assert.True(expected[name].Count == actual.Count && expected[name].All(kv => actual.TryGetValue(kv.Key, out var d) && d == kv.Value),
                $"{name} at {closed}: expected {Show(expected[name])} but got {Show(actual)}");
        }
    }

    private static Dictionary<T, long> Accumulate<T>(IEnumerable<(T Record, long Diff)> updates) where T : notnull
    {
        var result = new Dictionary<T, long>();
        foreach (var (record, diff) in updates)
            result[record] = result.GetValueOrDefault(record) + diff;
        return result;
    }

    private static string Show(IReadOnlyDictionary<string, long> collection) =>
        "{" + string.Join(", ", collection.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}x{kv.Value}")) + "}";
}
