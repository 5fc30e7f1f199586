namespace AkkaDifferential.Journal.Tests;

/// <summary>
/// The dataflow the journal's tests run, and its input, shared by the tests and the driver process they kill: two
/// input sessions ("left", "right") of small numbers, concatenated and counted by number. A round's updates follow
/// from the seed and the round alone (inserts, and removes of numbers inserted before), so that a driver that
/// restarts can resume at any round and the tests can compute the true output with LINQ.
/// </summary>
public static class Workload
{
    /// <summary>The definition's name: the journal keys its logs by it.</summary>
    public const string Name = "journal-counts";

    /// <summary>The definition's argument that adds a resumable change stream of the counts (<see cref="Handles.Changes"/>).</summary>
    public const int WithChanges = 1;

    /// <summary>
    /// What the driver holds: both sessions, a consolidated capture of the counts and a probe, and, when deployed with
    /// <see cref="WithChanges"/>, a resumable change stream of the counts.
    /// </summary>
    public sealed record Handles(
        InputSession<int, long, long> Left,
        InputSession<int, long, long> Right,
        CaptureHandle<(int Key, long Count), long, long> Counts,
        ProbeHandle<long> Probe,
        ChangeStream<(int Key, long Count), long, long>? Changes);

    /// <summary>Registers the definition on <paramref name="engine"/>; its argument is 0, or <see cref="WithChanges"/>.</summary>
    public static DataflowDefinition<long, int, Handles> Register(DifferentialEngine engine) =>
        engine.Register<long, int, Handles>(Name, static (scope, changes) =>
        {
            var (left, l) = scope.NewCollection<int>("left");
            var (right, r) = scope.NewCollection<int>("right");
            var counts = l.Concat(r).Count();
            var stream = changes == WithChanges ? counts.Changes(name: "count-changes", resumable: true) : null;
            return new Handles(left, right, counts.Capture(CaptureMode.Consolidated), counts.Probe(), stream);
        });

    /// <summary>
    /// The updates of <paramref name="round"/>, at time <paramref name="round"/>: (input 0 or 1, number, +1 or -1):
    /// <paramref name="size"/> random inserts, and the removal of every insert of two rounds before (a sliding window,
    /// so that the live input stays small while the history grows, and no count is ever negative).
    /// </summary>
    public static IReadOnlyList<(int Input, int Number, long Diff)> Round(int seed, long round, int size)
    {
        var updates = new List<(int, int, long)>(Inserts(seed, round, size));
        if (round >= 2)
            updates.AddRange(Inserts(seed, round - 2, size).Select(u => (u.Input, u.Number, -1L)));
        return updates;
    }

    private static IEnumerable<(int Input, int Number, long Diff)> Inserts(int seed, long round, int size)
    {
        // Not HashCode.Combine, which is seeded per process: the driver and the tests must draw the same numbers.
        var random = new Random(unchecked(seed * 1_000_003 + (int)round));
        for (var i = 0; i < size; i++)
            yield return (random.Next(2), random.Next(1000), 1L);
    }

    /// <summary>The accumulated count of every number after rounds 0 to <paramref name="last"/> (LINQ over all updates).</summary>
    public static Dictionary<(int Key, long Count), long> Expected(int seed, long last, int size) =>
        Enumerable.Range(0, (int)last + 1).SelectMany(r => Round(seed, r, size))
            .GroupBy(u => u.Number, u => u.Diff).Select(g => (Key: g.Key, Count: g.Sum())).Where(c => c.Count != 0)
            .ToDictionary(c => (c.Key, c.Count), _ => 1L);

    /// <summary>
    /// Feeds round <paramref name="round"/> to each session that has not accepted it yet (its time is not past it) and
    /// advances it past the round, its updates and advance in one send: a session has either all of a round or none,
    /// so a driver that restarts between (or inside) the two sessions' sends resumes without losing or repeating one.
    /// </summary>
    public static void Feed(Handles handles, int seed, long round, int size)
    {
        var updates = Round(seed, round, size);
        foreach (var (input, session) in new[] { (0, handles.Left), (1, handles.Right) })
        {
            if (session.Time > round)
                continue;
            foreach (var (_, number, diff) in updates.Where(u => u.Input == input))
                session.Update(number, diff);
            session.AdvanceTo(round + 1);
        }
    }
}
