// A driver process for DriverRestartTests: `<journal.db> <seed> <rounds> <size>`. It deploys the workload with the
// journal on the given SQLite file and a resumable change stream of its counts, resumes at the round its sessions'
// journal reached (their Time), feeds the rounds left, printing "accepted R" once round R's sends have returned (so
// the test can kill it between rounds). A reader prints each element of the change stream as "changes T KEY/COUNT/DIFF
// ..." and acknowledges an element's time once it has printed the next two (a subscriber that lags), printing
// "acknowledged T" once the journal holds it. At the end it waits for the last round, prints the captured output as
// "count KEY COUNT DIFF" lines, and "done". `measure ...` measures the journal's cost instead (Measure.cs).
using AkkaDifferential;
using AkkaDifferential.Journal.Tests;

if (args[0] == "measure")
{
    await Measure.Run(args[1], long.Parse(args[2]), int.Parse(args[3]), args.Length > 4 ? args[4] : "");
    return;
}
var (path, seed, rounds, size) = (args[0], int.Parse(args[1]), long.Parse(args[2]), int.Parse(args[3]));
await using var engine = DifferentialJournal.Create($"akka-differential-journal.sqlite-path = {System.Text.Json.JsonSerializer.Serialize(path)}");
var definition = Workload.Register(engine);
await using var dataflow = await engine.DeployAsync(definition, Workload.WithChanges, buckets: 2);
var handles = dataflow.Handles;
var changes = handles.Changes!;
var resumed = Math.Min(handles.Left.Time, handles.Right.Time);
Console.WriteLine($"resumed {resumed} {handles.Right.Time}");
Console.WriteLine(changes.TryGetAcknowledged(out var acknowledged) ? $"resumed-changes {acknowledged}" : "resumed-changes none");
var reader = Task.Run(async () =>
{
    var unacknowledged = new Queue<long>();
    await foreach (var element in changes)
    {
        Console.WriteLine($"changes {element.Time} {string.Join(' ', element.Changes.Select(c => $"{c.Data.Key}/{c.Data.Count}/{c.Diff}"))}");
        unacknowledged.Enqueue(element.Time);
        if (unacknowledged.Count > 2)
        {
            var time = unacknowledged.Dequeue();
            await changes.AcknowledgeAsync(time);
            Console.WriteLine($"acknowledged {time}");
        }
        if (element.Time == rounds - 1)
            return;
    }
});
for (var round = resumed; round < rounds; round++)
{
    Workload.Feed(handles, seed, round, size);
    Console.WriteLine($"accepted {round}");
}
await handles.Probe.WhenPassed(rounds - 1).WaitAsync(TimeSpan.FromSeconds(60));
await reader.WaitAsync(TimeSpan.FromSeconds(60));
foreach (var ((key, count), diff) in await handles.Counts.CollectionAt(rounds - 1))
    Console.WriteLine($"count {key} {count} {diff}");
Console.WriteLine("done");
