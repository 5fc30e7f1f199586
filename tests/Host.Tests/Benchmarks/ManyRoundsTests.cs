using AkkaDifferential.Host.Benchmarks;

namespace AkkaDifferential.Host.Tests.Benchmarks;

/// <summary>
/// bfs over hundreds of small rounds, on one bucket: iterations of several outer times are in flight at once, so
/// the loop's reduction sees input frontiers that lag its own capabilities. This is where a reduction once took a
/// capability at a join of old times only — a time the frontiers had already passed — and moved a frontier back
/// (found by <c>bench all</c>'s warm-up; the random property tests never reached it). The run must finish with the
/// answer of a reference breadth-first search.
/// </summary>
public sealed class ManyRoundsTests
{
    [Fact]
    public async Task Bfs_over_hundreds_of_overlapping_rounds_keeps_its_frontiers_and_its_answer()
    {
        var config = new BenchConfig("bfs", 1_000, 5_000, Batch: 10, Rounds: 600, Buckets: 1, LinqRounds: 1, Verify: true, Warmup: false);

        var outcome = await BenchRunner.RunAsync(config, ProgressDisplay.Silent).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(outcome.Result.Verified, "the dataflow's distances differ from the LINQ breadth-first search");
        Assert.Equal(600, outcome.Result.Rounds.Count);
    }
}
