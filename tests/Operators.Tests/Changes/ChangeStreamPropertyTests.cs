using CsCheck;

namespace AkkaDifferential.Operators.Tests.Changes;

/// <summary>
/// Random updates at random times through a count per key, read as a change stream that accumulates. From
/// scratch, the count's collection at every time of a grid closed under join is recomputed from the accumulated
/// input; its changes at exactly a time are what remains after subtracting the changes at earlier times. After
/// every round, the stream must have given exactly the newly closed times with non-zero changes, each with those
/// changes and the recomputed contents, in an order that extends the partial order; at the end it ends.
/// </summary>
public sealed class ChangeStreamPropertyTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>One update: a record, a difference, and an offset from the session's time.</summary>
    private sealed record Change(int Value, long Diff, int Later, int LaterInner);

    /// <summary>One round: updates at or after the session's time, then an advance of the session's time.</summary>
    private sealed record Round(Change[] Changes, int Advance, int AdvanceInner);

    private static readonly Gen<Change> ChangeGen = Gen.Select(Gen.Int[0, 9], Gen.Long[-2, 2], Gen.Int[0, 2], Gen.Int[0, 1],
        (value, diff, later, inner) => new Change(value, diff == 0 ? 1 : diff, later, inner));

    private static readonly Gen<Round[]> RoundsGen = Gen.Select(ChangeGen.Array[0, 8], Gen.Int[0, 2], Gen.Int[0, 1],
        (changes, advance, inner) => new Round(changes, advance, inner)).Array[1, 6];

    [Fact]
    public async Task Totally_ordered_times_give_the_recomputed_changes_and_contents_per_closed_time() =>
        await RoundsGen.SampleAsync(async rounds => await Run<long>(rounds, buckets: 3,
            at: (time, change) => time + change.Later,
            advance: (time, round) => time + Math.Max(1, round.Advance),
            grid: last => Enumerable.Range(0, (int)last + 4).Select(t => (long)t)), iter: 20, threads: 1);

    [Fact]
    public async Task Partially_ordered_times_give_the_recomputed_changes_and_contents_per_closed_time() =>
        await RoundsGen.SampleAsync(async rounds => await Run<Product<long, int>>(rounds, buckets: 2,
            at: (time, change) => new Product<long, int>(time.Outer + change.Later, time.Inner + change.LaterInner),
            advance: (time, round) => round.Advance == 0 && round.AdvanceInner == 0
                ? time with { Inner = time.Inner + 1 }
                : new Product<long, int>(time.Outer + round.Advance, time.Inner + round.AdvanceInner),
            grid: last => from o in Enumerable.Range(0, (int)last.Outer + 3)
                          from i in Enumerable.Range(0, last.Inner + 3)
                          select new Product<long, int>(o, i)), iter: 20, threads: 1);

    private async Task Run<TTime>(
        Round[] rounds,
        int buckets,
        Func<TTime, Change, TTime> at,
        Func<TTime, Round, TTime> advance,
        Func<TTime, IEnumerable<TTime>> grid) where TTime : notnull
    {
        var dataflow = await fixture.Engine.BuildAsync((Scope<TTime> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>();
            var counts = numbers.Map(x => x % 4).Count();
            return (input, counts.Changes(accumulate: true), counts.Probe());
        }, buckets);
        await using var _ = dataflow;
        var (input, stream, probe) = dataflow.Handles;
        await using var reader = stream.GetAsyncEnumerator();
        var sent = new List<(int Value, TTime Time, long Diff)>();
        var read = new List<TimeChanges<(int, long), TTime, long>>();
        var checkedTimes = new HashSet<TTime>();
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
            var closed = grid(time).Where(t => !Lattice.LessEqual(time, t) && checkedTimes.Add(t)).ToList();
            foreach (var t in closed)
                await probe.WhenPassed(t).WaitAsync(Timeout);
            await ReadAndCompare(closed, sent, grid(time).ToList(), reader, read);
        }
        input.Close();
        await probe.WhenDone().WaitAsync(Timeout);
        await ReadAndCompare(grid(time).Where(checkedTimes.Add).ToList(), sent, grid(time).ToList(), reader, read);
        Assert.False(await reader.MoveNextAsync().AsTask().WaitAsync(Timeout), "The stream must end once every input has closed.");
        for (var i = 0; i < read.Count; i++)
            for (var j = i + 1; j < read.Count; j++)
                Assert.False(Lattice.LessEqual(read[j].Time, read[i].Time), $"{read[j].Time} came after {read[i].Time}");
    }

    /// <summary>Reads the elements of the newly closed times and compares them with recomputation.</summary>
    private static async Task ReadAndCompare<TTime>(
        List<TTime> closed,
        List<(int Value, TTime Time, long Diff)> sent,
        List<TTime> grid,
        IAsyncEnumerator<TimeChanges<(int, long), TTime, long>> reader,
        List<TimeChanges<(int, long), TTime, long>> read) where TTime : notnull
    {
        var expected = closed
            .Select(t => (Time: t, Changes: ChangesAt(t, sent, grid)))
            .Where(e => e.Changes.Count > 0)
            .ToDictionary(e => e.Time, e => e.Changes);
        var seen = new Dictionary<TTime, Dictionary<(int, long), long>>();
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(await reader.MoveNextAsync().AsTask().WaitAsync(Timeout));
            var element = reader.Current;
            read.Add(element);
            Assert.True(seen.TryAdd(element.Time, element.Changes.ToDictionary(c => c.Data, c => c.Diff)), $"time {element.Time} twice");
            Assert.Equal(CountAt(element.Time, sent), element.Contents!.ToDictionary());
        }
        Assert.Equal(expected.OrderBy(kv => kv.Key, Comparer<TTime>.Create(Timestamp.Compare)), seen.OrderBy(kv => kv.Key, Comparer<TTime>.Create(Timestamp.Compare)));
    }

    /// <summary>The count per key (key = value mod 4) of the input accumulated at <paramref name="time"/>.</summary>
    private static Dictionary<(int, long), long> CountAt<TTime>(TTime time, List<(int Value, TTime Time, long Diff)> sent) =>
        sent.Where(u => Lattice.LessEqual(u.Time, time))
            .GroupBy(u => u.Value % 4)
            .Select(g => (Key: g.Key, Count: g.Sum(u => u.Diff)))
            .Where(g => g.Count != 0)
            .ToDictionary(g => (g.Key, g.Count), _ => 1L);

    /// <summary>
    /// The output's changes at exactly <paramref name="time"/>: its collection there minus the changes at every
    /// earlier time of the grid (closed under join, so it holds every time at which the output can change).
    /// </summary>
    private static Dictionary<(int, long), long> ChangesAt<TTime>(TTime time, List<(int Value, TTime Time, long Diff)> sent, List<TTime> grid) where TTime : notnull
    {
        var changes = new Dictionary<TTime, Dictionary<(int, long), long>>();
        foreach (var t in grid.Where(s => Lattice.LessEqual(s, time)).Order(Comparer<TTime>.Create(Timestamp.Compare)))
        {
            var result = CountAt(t, sent);
            foreach (var (earlier, delta) in changes)
                if (Lattice.LessEqual(earlier, t))
                    foreach (var (data, diff) in delta)
                        result[data] = result.GetValueOrDefault(data) - diff;
            changes[t] = result.Where(kv => kv.Value != 0).ToDictionary();
        }
        return changes[time];
    }
}
