using Akka.Streams;
using Akka.Streams.Dsl;
using CsCheck;

namespace AkkaDifferential.Streams.Tests;

/// <summary>
/// Random update sequences (records, differences, non-decreasing times) streamed through the Sink into a count per
/// key, with a random in-flight bound, and out through the Source of an accumulating change stream. Recomputed from
/// scratch on the updates: every element's contents equal the count at its time, its changes the difference from
/// the previous closed time, and every time at which the count changed gives exactly one element, in order.
/// </summary>
public sealed class SinkSourcePropertyTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static readonly Gen<(int Value, long Diff, int Step)[]> UpdatesGen =
        Gen.Select(Gen.Int[0, 9], Gen.Long[-2, 2], Gen.Int[0, 2], (value, diff, step) => (value, diff == 0 ? 1 : diff, step)).Array[0, 60];

    [Fact]
    public async Task Output_through_the_source_equals_recomputation_from_the_updates_through_the_sink()
    {
        var engine = new DifferentialEngine(Sys);
        var materializer = Sys.Materializer();
        await Gen.Select(UpdatesGen, Gen.Int[1, 12], Gen.Int[1, 3]).SampleAsync(async sample =>
        {
            var (steps, maxInFlight, buckets) = sample;
            var updates = new List<Update<int, long, long>>();
            var time = 0L;
            foreach (var (value, diff, step) in steps)
            {
                time += step;
                updates.Add(new Update<int, long, long>(value, time, diff));
            }
            await using var dataflow = await engine.BuildAsync((Scope<long> scope) =>
            {
                var (input, numbers) = scope.NewCollection<int>();
                var counts = numbers.Map(x => x % 4).Count();
                return (input, counts.Changes(accumulate: true), counts.Probe());
            }, buckets);
            var (input, changes, probe) = dataflow.Handles;
            var output = changes.ToSource().RunWith(Sink.Seq<TimeChanges<(int, long), long, long>>(), materializer);
            await Source.From(updates).RunWith(input.ToSink(probe, maxInFlight), materializer).WaitAsync(Timeout);
            var read = await output.WaitAsync(Timeout);

            var expected = new List<(long Time, Dictionary<(int, long), long> Contents)>();
            var previous = new Dictionary<(int, long), long>();
            foreach (var t in updates.Select(u => u.Time).Distinct())
            {
                var contents = CountAt(t, updates);
                if (!Same(contents, previous))
                    expected.Add((t, contents));
                previous = contents;
            }
            Assert.Equal(expected.Select(e => e.Time), read.Select(e => e.Time));
            previous = [];
            for (var i = 0; i < read.Count; i++)
            {
                Assert.Equal(expected[i].Contents, read[i].Contents!.ToDictionary());
                var delta = expected[i].Contents.ToDictionary();
                foreach (var (data, diff) in previous)
                    delta[data] = delta.GetValueOrDefault(data) - diff;
                Assert.Equal(delta.Where(kv => kv.Value != 0).OrderBy(kv => kv.Key), read[i].Changes.Select(c => KeyValuePair.Create(c.Data, c.Diff)).OrderBy(kv => kv.Key));
                previous = expected[i].Contents;
            }
        }, iter: 25, threads: 1);
    }

    private static Dictionary<(int, long), long> CountAt(long time, List<Update<int, long, long>> updates) =>
        updates.Where(u => u.Time <= time)
            .GroupBy(u => u.Data % 4)
            .Select(g => (Key: g.Key, Count: g.Sum(u => u.Diff)))
            .Where(g => g.Count != 0)
            .ToDictionary(g => (g.Key, g.Count), _ => 1L);

    private static bool Same(Dictionary<(int, long), long> a, Dictionary<(int, long), long> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
