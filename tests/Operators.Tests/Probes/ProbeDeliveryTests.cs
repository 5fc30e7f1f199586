using System.Collections.Concurrent;

namespace AkkaDifferential.Operators.Tests.Probes;

/// <summary>
/// The README's pattern: a probe and a capture (and an inspect) of the same collection. Once the probe has passed a
/// time, every update of the collection at that time has reached the capture's handle and the inspect's action —
/// in every round, not just most.
/// </summary>
public sealed class ProbeDeliveryTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private const int Rounds = 250;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task After_the_probe_passes_a_time_capture_and_inspect_of_the_same_collection_hold_all_of_it()
    {
        var inspected = new ConcurrentQueue<Update<(int, int, int), long, long>>();
        await using var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (left, lefts) = scope.NewCollection<(int Key, int Value)>();
            var (right, rights) = scope.NewCollection<(int Key, int Value)>();
            var joined = lefts.JoinMap(rights, static (key, a, b) => (key, a, b));
            joined.Inspect(inspected.Enqueue);
            return (left, right, joined.Capture(), joined.Probe());
        }, buckets: 4);
        var (left, right, capture, probe) = dataflow.Handles;

        var random = new Random(9);
        var lefts = new List<(int, int)>();
        var rights = new List<(int, int)>();
        var missed = new List<string>();
        for (var time = 0L; time < Rounds; time++)
        {
            // A few changes on each side: the join's output at this time is their products with the other side.
            for (var i = 0; i < 3; i++)
            {
                Change(left, lefts, random);
                Change(right, rights, random);
            }
            left.AdvanceTo(time + 1);
            right.AdvanceTo(time + 1);
            await probe.WhenPassed(time).WaitAsync(Timeout);

            var expected = Join(lefts, rights);
            var captured = Accumulate(capture.Updates, time);
            var seen = Accumulate(inspected, time);
            if (!Same(expected, captured))
                missed.Add($"capture at {time}: {expected.Count} vs {captured.Count(kv => kv.Value != 0)}");
            if (!Same(expected, seen))
                missed.Add($"inspect at {time}");
        }
        Assert.Empty(missed);
    }

    private static void Change(InputSession<(int Key, int Value), long, long> input, List<(int, int)> records, Random random)
    {
        if (records.Count > 4 && random.Next(3) == 0)
        {
            var at = random.Next(records.Count);
            input.Remove(records[at]);
            records.RemoveAt(at);
        }
        else
        {
            var record = (random.Next(6), random.Next(1000));
            input.Insert(record);
            records.Add(record);
        }
    }

    private static Dictionary<(int, int, int), long> Join(List<(int Key, int Value)> lefts, List<(int Key, int Value)> rights)
    {
        var result = new Dictionary<(int, int, int), long>();
        foreach (var a in lefts)
            foreach (var b in rights)
                if (a.Key == b.Key)
                    result[(a.Key, a.Value, b.Value)] = result.GetValueOrDefault((a.Key, a.Value, b.Value)) + 1;
        return result;
    }

    private static Dictionary<(int, int, int), long> Accumulate(IEnumerable<Update<(int, int, int), long, long>> updates, long time)
    {
        var result = new Dictionary<(int, int, int), long>();
        foreach (var update in updates)
            if (update.Time <= time)
                result[update.Data] = result.GetValueOrDefault(update.Data) + update.Diff;
        return result;
    }

    private static bool Same(Dictionary<(int, int, int), long> expected, Dictionary<(int, int, int), long> actual) =>
        expected.Count == actual.Count(kv => kv.Value != 0) && expected.All(kv => actual.GetValueOrDefault(kv.Key) == kv.Value);
}
