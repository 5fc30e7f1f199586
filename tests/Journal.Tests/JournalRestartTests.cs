using CsCheck;
using Microsoft.Data.Sqlite;

namespace AkkaDifferential.Journal.Tests;

/// <summary>
/// The journal's round trip in one process: an engine with the journal on a SQLite file in a temporary folder runs
/// some rounds and stops; a second engine on the same file deploys the dataflow by the same name, its sessions come
/// back at the time they had reached with what they had accepted, and after the remaining rounds the output equals
/// LINQ over every update of every round.
/// </summary>
public sealed class JournalRestartTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs rounds <paramref name="from"/> to <paramref name="to"/> (exclusive) on a new engine, which then stops; returns the sessions' times at start.</summary>
    private static async Task<(long Left, long Right)> Run(TempJournal journal, int seed, long from, long to, int size, Action<Workload.Handles>? before = null)
    {
        await using var engine = DifferentialJournal.Create(journal.Hocon());
        var definition = Workload.Register(engine);
        await using var dataflow = await engine.DeployAsync(definition, 0, buckets: 2);
        var handles = dataflow.Handles;
        var resumed = (handles.Left.Time, handles.Right.Time);
        before?.Invoke(handles);
        for (var round = from; round < to; round++)
            Workload.Feed(handles, seed, round, size);
        if (to > 0)
        {
            await handles.Probe.WhenPassed(to - 1).WaitAsync(Timeout);
            Assert.Equal(Workload.Expected(seed, to - 1, size), await handles.Counts.CollectionAt(to - 1));
        }
        return resumed;
    }

    [Fact]
    public async Task A_second_engine_on_the_journal_recovers_every_accepted_update_at_any_restart_round()
    {
        var gen = Gen.Select(Gen.Int[0, 1000], Gen.Int[2, 10], Gen.Int[0, 400]).SelectMany(t => Gen.Int[1, t.Item2 - 1].Select(restart => (Seed: t.Item1, Rounds: t.Item2, Size: t.Item3, Restart: restart)));
        await gen.SampleAsync(async c =>
        {
            using var journal = new TempJournal();
            Assert.Equal((0L, 0L), await Run(journal, c.Seed, 0, c.Restart, c.Size));
            Assert.Equal((c.Restart, c.Restart), await Run(journal, c.Seed, c.Restart, c.Rounds, c.Size));
        }, iter: 8, threads: 1);
    }

    [Fact]
    public async Task A_restart_after_a_session_alone_advanced_resumes_each_session_where_it_was()
    {
        using var journal = new TempJournal();
        await Run(journal, 7, 0, 3, 50, before: null);
        // Round 3 reaches the left session only, as if the driver died between the two sessions' sends.
        await Run(journal, 7, 0, 0, 50, before: handles =>
        {
            foreach (var (_, number, diff) in Workload.Round(7, 3, 50).Where(u => u.Input == 0))
                handles.Left.Update(number, diff);
            handles.Left.AdvanceTo(4);
        });
        Assert.Equal((4L, 3L), await Run(journal, 7, 3, 6, 50));
    }

    [Fact]
    public async Task The_journal_stays_the_size_of_the_live_input_over_a_sliding_window_and_recovers_from_its_snapshot()
    {
        using var journal = new TempJournal();
        const int Size = 1500;
        await Run(journal, 3, 0, 30, Size);
        // 30 rounds accepted 30 * 1,500 inserts and 28 * 1,500 removes (60 entries, one per session and round); the live
        // input is the inserts of the last 2 rounds, of at most 1,000 distinct numbers per session. The journal keeps
        // the latest snapshot of each session's compacted input and the entries after it: at most a few entries, and
        // (at under 8 bytes an update) less than 2 sessions * (1,000 compacted + 1,500 open updates) * 8 bytes.
        var (entries, bytes) = Stored(journal);
        Assert.True(entries <= 4, $"The journal keeps {entries} entries after 30 rounds.");
        Assert.True(bytes < 2 * (1000 + Size) * 8, $"The journal keeps {bytes} bytes of entries and snapshots after 30 rounds.");
        Assert.Equal((30L, 30L), await Run(journal, 3, 30, 33, Size));
    }

    [Fact]
    public async Task Under_a_bound_on_updates_in_flight_a_second_engine_recovers_every_accepted_update()
    {
        // Rounds of 1,500 inserts and 1,500 removes over the two sessions, against a bound of 512 updates in flight: each
        // session's advance waits for the dataflow (journal writes included) and returns with fewer than 512 in flight
        // (with input-max-in-flight = off, 746 are in flight after the first round's).
        const int Bound = 512, Size = 1500;
        using var journal = new TempJournal();
        var hocon = journal.Hocon($"akka-differential.input-max-in-flight = {Bound}");
        for (var (from, to) = (0L, 4L); from < 8; (from, to) = (to, 8))
        {
            await using var engine = DifferentialJournal.Create(hocon);
            await using var dataflow = await engine.DeployAsync(Workload.Register(engine), 0, buckets: 2);
            var handles = dataflow.Handles;
            Assert.Equal((from, from), (handles.Left.Time, handles.Right.Time));
            for (var round = from; round < to; round++)
            {
                Workload.Feed(handles, 9, round, Size);
                Assert.True(handles.Right.InFlight < Bound, $"Round {round}: {handles.Right.InFlight} updates in flight after the advance returned.");
            }
            await handles.Probe.WhenPassed(to - 1).WaitAsync(Timeout);
            Assert.Equal(Workload.Expected(9, to - 1, Size), await handles.Counts.CollectionAt(to - 1));
        }
    }

    /// <summary>The entries not deleted and the bytes of them and of the snapshots, over every input log.</summary>
    internal static (long Entries, long Bytes) Stored(TempJournal journal)
    {
        using var connection = new SqliteConnection($"Data Source={journal.File};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT COUNT(*) FROM journal WHERE deleted = 0 AND persistence_id LIKE '%/input/%'),
                   (SELECT COALESCE(SUM(LENGTH(message)), 0) FROM journal WHERE deleted = 0) + (SELECT COALESCE(SUM(LENGTH(snapshot)), 0) FROM snapshot)
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
