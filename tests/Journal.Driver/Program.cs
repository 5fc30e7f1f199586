// A driver process for DriverRestartTests: `<journal.db> <seed> <rounds> <size>`. It deploys the workload with the
// journal on the given SQLite file, resumes at the round its sessions' journal reached (their Time), feeds the rounds
// left, printing "accepted R" once round R's sends have returned (so the test can kill it between rounds), then waits
// for the last round and prints the output as "count KEY COUNT" lines and "done".
using AkkaDifferential;
using AkkaDifferential.Journal.Tests;

var (path, seed, rounds, size) = (args[0], int.Parse(args[1]), long.Parse(args[2]), int.Parse(args[3]));
await using var engine = DifferentialJournal.Create($"akka-differential-journal.sqlite-path = {System.Text.Json.JsonSerializer.Serialize(path)}");
var definition = Workload.Register(engine);
await using var dataflow = await engine.DeployAsync(definition, 0, buckets: 2);
var handles = dataflow.Handles;
var resumed = Math.Min(handles.Left.Time, handles.Right.Time);
Console.WriteLine($"resumed {resumed} {handles.Right.Time}");
for (var round = resumed; round < rounds; round++)
{
    Workload.Feed(handles, seed, round, size);
    Console.WriteLine($"accepted {round}");
}
await handles.Probe.WhenPassed(rounds - 1).WaitAsync(TimeSpan.FromSeconds(60));
foreach (var ((key, count), diff) in await handles.Counts.CollectionAt(rounds - 1))
    Console.WriteLine($"count {key} {count} {diff}");
Console.WriteLine("done");
