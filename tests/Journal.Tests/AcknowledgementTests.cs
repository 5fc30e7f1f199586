namespace AkkaDifferential.Journal.Tests;

/// <summary>
/// A resumable change stream's acknowledgments in one process: bad acknowledgments are refused naming the problem; a
/// second engine on the journal resumes the stream after the last time acknowledged; and what a reader has not
/// acknowledged holds the input's retention, so that the journal keeps the history since then and shrinks once the
/// reader acknowledges.
/// </summary>
public sealed class AcknowledgementTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Acknowledging_a_stream_that_is_not_resumable_or_has_no_journal_is_refused_naming_why()
    {
        using var journal = new TempJournal();
        await using (var engine = DifferentialJournal.Create(journal.Hocon()))
        {
            await using var dataflow = await engine.DeployAsync(engine.Register<long, int, ChangeStream<int, long, long>>("plain", static (scope, _) =>
            {
                var (input, numbers) = scope.NewCollection<int>("numbers");
                return numbers.Changes(name: "plain-changes");
            }), 0, buckets: 1);
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => dataflow.Handles.AcknowledgeAsync(0));
            Assert.Contains("Change stream 'plain-changes' is not resumable: create it with Changes(resumable: true)", error.Message);
        }
        await using (var engine = DifferentialEngine.Create())
        {
            await using var dataflow = await engine.DeployAsync(Workload.Register(engine), Workload.WithChanges, buckets: 1);
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => dataflow.Handles.Changes!.AcknowledgeAsync(0));
            Assert.Contains($"Change stream 'count-changes' of dataflow '{Workload.Name}' has no journal to keep what it acknowledges", error.Message);
        }
    }

    [Fact]
    public async Task A_time_not_closed_or_before_one_acknowledged_is_refused_and_a_second_engine_resumes_after_the_last()
    {
        using var journal = new TempJournal();
        await using (var engine = DifferentialJournal.Create(journal.Hocon()))
        {
            await using var dataflow = await engine.DeployAsync(Workload.Register(engine), Workload.WithChanges, buckets: 2);
            var handles = dataflow.Handles;
            var open = await Assert.ThrowsAsync<ArgumentException>(() => handles.Changes!.AcknowledgeAsync(0));
            Assert.Contains("Change stream 'count-changes' cannot acknowledge time 0: it is not closed yet", open.Message);
            for (var round = 0; round < 3; round++)
                Workload.Feed(handles, 5, round, 50);
            await handles.Probe.WhenPassed(2).WaitAsync(Timeout);
            await handles.Changes!.AcknowledgeAsync(2);
            var back = await Assert.ThrowsAsync<ArgumentException>(() => handles.Changes.AcknowledgeAsync(1));
            Assert.Contains("Change stream 'count-changes' cannot acknowledge time 1: it is before 2, acknowledged already", back.Message);
            Assert.True(handles.Changes.TryGetAcknowledged(out var last));
            Assert.Equal(2, last);
        }
        await using (var engine = DifferentialJournal.Create(journal.Hocon()))
        {
            await using var dataflow = await engine.DeployAsync(Workload.Register(engine), Workload.WithChanges, buckets: 2);
            var handles = dataflow.Handles;
            Assert.True(handles.Changes!.TryGetAcknowledged(out var recovered));
            Assert.Equal(2, recovered);
            Workload.Feed(handles, 5, 3, 50);
            await using var elements = handles.Changes.GetAsyncEnumerator();
            Assert.True(await elements.MoveNextAsync().AsTask().WaitAsync(Timeout));
            // The first element after the restart is round 3's changes, exactly: LINQ's counts after round 3 less those after round 2.
            Assert.Equal(3, elements.Current.Time);
            var changes = Workload.Expected(5, 3, 50).Select(c => (c.Key, 1L)).Concat(Workload.Expected(5, 2, 50).Select(c => (c.Key, -1L)))
                .GroupBy(c => c.Key, c => c.Item2).Select(g => (g.Key, g.Sum())).Where(c => c.Item2 != 0).OrderBy(c => c.Key).ToList();
            Assert.Equal(changes, elements.Current.Changes.Select(c => (c.Data, c.Diff)).OrderBy(c => c.Data).ToList());
        }
    }

    [Fact]
    public async Task What_a_reader_has_not_acknowledged_holds_the_journal_and_acknowledging_lets_it_compact()
    {
        const int Size = 1500;
        using var unread = new TempJournal();
        await Run(unread, acknowledge: false);
        using var read = new TempJournal();
        await Run(read, acknowledge: true);
        var (_, held) = JournalRestartTests.Stored(unread);
        var (_, compacted) = JournalRestartTests.Stored(read);
        // 30 rounds of 1,500 inserts and 1,500 removes per round on the two sessions: held at the minimum, the journal keeps
        // them all; acknowledged as they close, it keeps the live window (as without a resumable stream). Without the
        // hold the two are about equal; with it, 9.9-fold and more have been seen (where the acknowledged run's last
        // compaction falls moves its size), so the bound is 5-fold.
        Assert.True(compacted < 2 * (1000 + Size) * 8, $"With every time acknowledged the journal keeps {compacted} bytes.");
        Assert.True(held > 5 * compacted, $"With nothing acknowledged the journal keeps {held} bytes, against {compacted} acknowledged.");

        static async Task Run(TempJournal journal, bool acknowledge)
        {
            await using var engine = DifferentialJournal.Create(journal.Hocon());
            await using var dataflow = await engine.DeployAsync(Workload.Register(engine), Workload.WithChanges, buckets: 2);
            var handles = dataflow.Handles;
            var reader = Task.Run(async () =>
            {
                await foreach (var element in handles.Changes!)
                {
                    if (acknowledge)
                        await handles.Changes.AcknowledgeAsync(element.Time);
                    if (element.Time == 29)
                        return;
                }
            });
            for (var round = 0; round < 30; round++)
            {
                Workload.Feed(handles, 3, round, Size);
                // Acknowledgments go with the rounds, as a reader keeping up does, so that compaction can follow them.
                await handles.Probe.WhenPassed(round).WaitAsync(Timeout);
            }
            await reader.WaitAsync(Timeout);
        }
    }
}
