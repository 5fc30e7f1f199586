namespace AkkaDifferential.Operators.Tests.Keyed;

/// <summary>
/// Importing an arrangement into a dataflow built later: whenever the reader is created — before any data, after
/// the source has advanced, after its history was compacted, while rounds are still being fed — the importing
/// dataflow sees the trace from the reader's <c>since</c> on: at every closed time in advance of it, its output
/// equals the computation from scratch over the source's input, and it has no output before it.
/// </summary>
public sealed class ImportTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private const int Buckets = 3;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_reader_created_before_any_data_imports_the_whole_history()
    {
        await using var source = await LongSource();
        var reader = await source.Arranged.Trace.CreateReaderAsync();
        Assert.Equal(Antichain<long>.From(0), reader.Since);
        await using var importer = await Importer<long>.Build(fixture.Engine, reader);
        source.Feed(rounds: 10);
        await importer.AssertMatches(source, reader.Since, 9, Times(0, 9));
    }

    [Fact]
    public async Task A_reader_created_after_the_source_advanced_imports_from_its_since()
    {
        await using var source = await LongSource();
        source.Feed(rounds: 6);
        await source.Probe.WhenPassed(5).WaitAsync(Timeout);
        var reader = await source.Arranged.Trace.CreateReaderAsync();
        var since = await Since(reader);
        Assert.True(since > 0, $"The source's own readers should have let its trace compact past time 0, but it is at {since}.");
        Assert.Equal(Antichain<long>.From(since), reader.Since);
        await using var importer = await Importer<long>.Build(fixture.Engine, reader);
        source.Feed(rounds: 6);
        await importer.AssertMatches(source, reader.Since, 11, Times(0, 11));
    }

    [Fact]
    public async Task A_reader_created_after_the_history_was_compacted_imports_the_compacted_history()
    {
        await using var source = await LongSource();
        var holder = await source.Arranged.Trace.CreateReaderAsync();
        source.Feed(rounds: 20);
        await source.Probe.WhenPassed(19).WaitAsync(Timeout);
        holder.AllowCompaction(Antichain<long>.From(15));
        await Eventually(async () => (await holder.StatusAsync()).All(s => s.Since.Equals(Antichain<long>.From(15))));
        // More rounds: the trace merges its batches, advancing the old times to 15.
        source.Feed(rounds: 10);
        await source.Probe.WhenPassed(29).WaitAsync(Timeout);
        var reader = await source.Arranged.Trace.CreateReaderAsync();
        holder.Release();
        Assert.Equal(15, await Since(reader));
        Assert.Equal(Antichain<long>.From(15), reader.Since);
        await using var importer = await Importer<long>.Build(fixture.Engine, reader);
        source.Feed(rounds: 5);
        await importer.AssertMatches(source, reader.Since, 34, Times(0, 34));
    }

    [Fact]
    public async Task A_reader_created_while_the_source_is_busy_imports_every_change()
    {
        await using var source = await LongSource();
        var started = new TaskCompletionSource();
        var feeding = Task.Run(async () =>
        {
            for (var round = 0; round < 80; round++)
            {
                source.Feed(rounds: 1);
                if (round == 20)
                    started.SetResult();
                await Task.Delay(2);
            }
        });
        await started.Task.WaitAsync(Timeout);
        var reader = await source.Arranged.Trace.CreateReaderAsync();
        Assert.Equal(Antichain<long>.From(await Since(reader)), reader.Since);
        await using var importer = await Importer<long>.Build(fixture.Engine, reader);
        await feeding.WaitAsync(Timeout);
        await importer.AssertMatches(source, reader.Since, 79, Times(0, 79));
    }

    [Fact]
    public async Task A_reader_of_partially_ordered_times_imports_from_a_since_of_several_elements()
    {
        // Rounds at outer times, with updates at inner times 0 to 3: the history is partially ordered.
        await using var source = await Source<Product<long, int>>.Build(fixture.Engine, round => new(round, 0), (round, random) => new(round, random.Next(4)));
        var holder = await source.Arranged.Trace.CreateReaderAsync();
        source.Feed(rounds: 8);
        await source.Probe.WhenPassed(new(7, 3)).WaitAsync(Timeout);
        holder.AllowCompaction(new Antichain<Product<long, int>>([new(2, 3), new(4, 1)]));
        source.Feed(rounds: 4);
        await source.Probe.WhenPassed(new(11, 3)).WaitAsync(Timeout);
        var reader = await source.Arranged.Trace.CreateReaderAsync();
        holder.Release();
        Assert.True(reader.Since.Elements.Count > 1, $"The reader should start at a frontier of several times, not {reader.Since}.");
        await using var importer = await Importer<Product<long, int>>.Build(fixture.Engine, reader);
        source.Feed(rounds: 4);
        var times = from outer in Enumerable.Range(0, 16) from inner in Enumerable.Range(0, 4) select new Product<long, int>(outer, inner);
        await importer.AssertMatches(source, reader.Since, new(15, 3), times);
    }

    [Fact]
    public async Task Compaction_of_a_reader_cannot_move_back()
    {
        await using var source = await LongSource();
        var reader = await source.Arranged.Trace.CreateReaderAsync();
        reader.AllowCompaction(Antichain<long>.From(3));
        var error = Assert.Throws<ArgumentException>(() => reader.AllowCompaction(Antichain<long>.From(2)));
        Assert.Contains("cannot move its compaction frontier back from {3} to {2}", error.Message);
        Assert.Equal(Antichain<long>.From(3), reader.Since);
        reader.Release();
    }

    [Fact]
    public async Task A_reader_of_a_trace_compacted_away_entirely_is_refused()
    {
        await using var source = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, pairs) = scope.NewCollection<(int Key, int Value)>();
            return (input, pairs.ArrangeByKey(), pairs.Probe());
        }, buckets: Buckets, name: "closed");
        var (input, arranged, probe) = source.Handles;
        input.Insert((1, 2));
        input.Close();
        await probe.WhenDone().WaitAsync(Timeout);
        // With no reader, the trace compacts to its upper frontier, which is empty once the input is closed.
        InvalidOperationException? refused = null;
        var deadline = DateTime.UtcNow + Timeout;
        while (refused is null && DateTime.UtcNow < deadline)
        {
            try
            {
                (await arranged.Trace.CreateReaderAsync()).Release();
                await Task.Delay(20);
            }
            catch (InvalidOperationException ex)
            {
                refused = ex;
            }
        }
        Assert.NotNull(refused);
        Assert.Contains("dataflow 'closed'", refused.Message);
        Assert.Contains("compacted its whole history away", refused.Message);
    }

    private Task<Source<long>> LongSource() => Source<long>.Build(fixture.Engine, round => round, (round, _) => round);

    private static IEnumerable<long> Times(long first, long last) => Enumerable.Range((int)first, (int)(last - first + 1)).Select(t => (long)t);

    /// <summary>The time from which the reader holds the trace: the latest compaction frontier of its buckets.</summary>
    private static async Task<long> Since(TraceReader<int, int, long, long> reader) =>
        (await reader.StatusAsync()).Max(status => status.Since.Elements.Single());

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// The source dataflow: an input of pairs, arranged by key and read by a reduction of its own. Round <c>r</c>
    /// changes a few pairs at times <paramref name="timeOf"/> gives (at or after <c>start(r)</c>), then advances the
    /// input to <c>start(r + 1)</c>.
    /// </summary>
    private sealed class Source<TTime>(Dataflow<(InputSession<(int Key, int Value), TTime, long>, Arranged<int, int, TTime, long>, ProbeHandle<TTime>)> dataflow, Func<int, TTime> start, Func<int, Random, TTime> timeOf)
        : IAsyncDisposable where TTime : notnull
    {
        private readonly Random random = new(5);
        private readonly List<(int Key, int Value)> present = [];
        private int round;

        public Arranged<int, int, TTime, long> Arranged => dataflow.Handles.Item2;

        public ProbeHandle<TTime> Probe => dataflow.Handles.Item3;

        /// <summary>Every update fed so far: the source's input from scratch.</summary>
        public List<((int Key, int Value) Record, TTime Time, long Diff)> History { get; } = [];

        public static async Task<Source<TTime>> Build(DifferentialEngine engine, Func<int, TTime> start, Func<int, Random, TTime> timeOf) =>
            new(await engine.BuildAsync((Scope<TTime> scope) =>
            {
                var (input, pairs) = scope.NewCollection<(int Key, int Value)>();
                var arranged = pairs.ArrangeByKey();
                var sums = arranged.ReduceCore<long, long>(static (_, values, output) =>
                {
                    long sum = 0;
                    foreach (var (value, diff) in values) sum += value * diff;
                    output.Add((sum, 1));
                }, name: "Sum");
                return (input, arranged, sums.Probe());
            }, buckets: Buckets, name: "customers"), start, timeOf);

        /// <summary>Feeds <paramref name="rounds"/> rounds of a few random insertions and removals.</summary>
        public void Feed(int rounds)
        {
            var input = dataflow.Handles.Item1;
            for (var r = 0; r < rounds; r++, round++)
            {
                for (var i = 0; i < 4; i++)
                {
                    var time = timeOf(round, random);
                    if (present.Count > 6 && random.Next(3) == 0)
                    {
                        var at = random.Next(present.Count);
                        input.UpdateAt(present[at], time, -1);
                        History.Add((present[at], time, -1));
                        present.RemoveAt(at);
                    }
                    else
                    {
                        var record = (random.Next(6), random.Next(20));
                        input.UpdateAt(record, time, +1);
                        History.Add((record, time, +1));
                        present.Add(record);
                    }
                }
                input.AdvanceTo(start(round + 1));
            }
        }

        public ValueTask DisposeAsync() => dataflow.DisposeAsync();
    }

    /// <summary>The importing dataflow: per key a count and a maximum of the imported values, and a join with a collection of its own.</summary>
    private sealed class Importer<TTime>(Dataflow<(Dictionary<string, CaptureHandle<string, TTime, long>>, ProbeHandle<TTime>)> dataflow) : IAsyncDisposable
        where TTime : notnull
    {
        private static readonly (int Key, int Label)[] Labels = [(0, 100), (1, 200), (2, 300), (2, 301), (4, 500)];

        public static async Task<Importer<TTime>> Build(DifferentialEngine engine, TraceReader<int, int, TTime, long> reader) =>
            new(await engine.BuildAsync((Scope<TTime> scope) =>
            {
                var imported = scope.Import(reader);
                var labels = scope.NewCollectionFrom(Labels).ArrangeByKey();
                var outputs = new Dictionary<string, Collection<string, TTime, long>>
                {
                    ["count"] = imported.ReduceCore<long, long>(static (_, values, output) =>
                    {
                        long count = 0;
                        foreach (var (_, diff) in values) count += diff;
                        output.Add((count, 1));
                    }, name: "Count").Map(r => $"{r.Key}:{r.Value}"),
                    ["max"] = imported.ReduceCore<int, long>(static (_, values, output) =>
                    {
                        for (var i = values.Length - 1; i >= 0; i--)
                            if (values[i].Diff > 0)
                            {
                                output.Add((values[i].Value, 1));
                                return;
                            }
                    }, name: "Max").Map(r => $"{r.Key}:{r.Value}"),
                    ["join"] = imported.JoinCore(labels, static (key, value, label) => $"{key}:{value}:{label}"),
                };
                return (outputs.ToDictionary(kv => kv.Key, kv => kv.Value.Capture()), scope.Concatenate(outputs.Values).Probe());
            }, buckets: Buckets, name: "importer"));

        /// <summary>
        /// Once the output has passed <paramref name="last"/>: at every time of <paramref name="times"/> in advance of
        /// <paramref name="since"/>, every output equals its computation from scratch over the source's input at that
        /// time; and no output is at a time before the import's start.
        /// </summary>
        public async Task AssertMatches(Source<TTime> source, Antichain<TTime> since, TTime last, IEnumerable<TTime> times)
        {
            var (captures, probe) = dataflow.Handles;
            await probe.WhenPassed(last).WaitAsync(Timeout);
            Assert.False(dataflow.Completion.IsFaulted, dataflow.Completion.Exception?.InnerException?.Message);
            var start = Arrangements.Trace.TimeCompaction.Advance(Antichain<TTime>.From(Timestamp.Minimum<TTime>()), since);
            var compared = 0;
            foreach (var time in times.Where(since.LessEqual))
            {
                var expected = Expected(source.History, time);
                foreach (var (name, capture) in captures)
                    Assert.Equal(expected[name], (await capture.CollectionAt(time).WaitAsync(Timeout)).ToDictionary());
                compared++;
            }
            Assert.True(compared > 0, "No time in advance of the reader's since was compared.");
            foreach (var (name, capture) in captures)
                Assert.All(capture.Updates, update => Assert.True(start.LessEqual(update.Time), $"{name} has {update} before the import's start {start}."));
        }

        private static Dictionary<string, Dictionary<string, long>> Expected(List<((int Key, int Value) Record, TTime Time, long Diff)> history, TTime time)
        {
            var collection = history.Where(u => Lattice.LessEqual(u.Time, time)).GroupBy(u => u.Record)
                .Select(g => (g.Key, Count: g.Sum(u => u.Diff))).Where(r => r.Count != 0).ToList();
            var byKey = collection.GroupBy(r => r.Key.Key).ToList();
            return new()
            {
                ["count"] = byKey.ToDictionary(g => $"{g.Key}:{g.Sum(r => r.Count)}", _ => 1L),
                ["max"] = byKey.Where(g => g.Any(r => r.Count > 0)).ToDictionary(g => $"{g.Key}:{g.Where(r => r.Count > 0).Max(r => r.Key.Value)}", _ => 1L),
                ["join"] = (from r in collection
                            join l in Labels on r.Key.Key equals l.Key
                            group r.Count by $"{r.Key.Key}:{r.Key.Value}:{l.Label}" into g
                            select (g.Key, Sum: g.Sum())).Where(x => x.Sum != 0).ToDictionary(x => x.Key, x => x.Sum),
            };
        }

        public ValueTask DisposeAsync() => dataflow.DisposeAsync();
    }
}
