namespace AkkaDifferential.TestKit.Tests;

/// <summary>
/// The TestKit's assertions on a small dataflow (words and their lengths): they pass on the right multisets, and
/// fail on wrong ones with expected, actual and the difference in the message, on a time that does not close
/// within the timeout with the capture and its frontier, and on a consolidated capture's changes.
/// </summary>
public sealed class DataflowAssertTests : DataflowTestKit
{
    private async Task<(InputSession<string, long, long> Input, CaptureHandle<(string, int), long, long> Lengths)> Lengths(CaptureMode mode = CaptureMode.FullHistory)
    {
        var dataflow = await Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, words) = scope.NewCollection<string>();
            return (input, words.Map(w => (w, w.Length)).Capture(mode));
        });
        var (input, lengths) = dataflow.Handles;
        input.Insert("ab");
        input.Insert("abc");
        input.Insert("abc");
        input.AdvanceTo(1);
        input.Remove("ab");
        input.Insert("d");
        input.AdvanceTo(2);
        return (input, lengths);
    }

    [Fact]
    public async Task Passing_assertions_of_contents_and_changes()
    {
        var (_, lengths) = await Lengths();
        await ExpectCollectionAt(lengths, 0, [(("ab", 2), 1L), (("abc", 3), 2L)]);
        await ExpectCollectionAt(lengths, 1, [(("abc", 3), 1L), (("d", 1), 1L), (("abc", 3), 1L)]);
        await ExpectChangesAt(lengths, 1, [(("ab", 2), -1L), (("d", 1), 1L)], TimeSpan.FromSeconds(5));
        await DataflowAssert.ChangesAt(lengths, 0, [(("ab", 2), 1L), (("abc", 3), 2L), (("zero", 0), 0L)], TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_wrong_collection_shows_expected_actual_and_their_difference()
    {
        var (_, lengths) = await Lengths();
        var failure = await Assert.ThrowsAsync<CollectionMismatchException>(() => ExpectCollectionAt(lengths, 1, [(("abc", 3), 1L), (("e", 1), 1L)]));
        Assert.Equal("{(abc, 3): 1, (e, 1): 1}", failure.Expected);
        Assert.Equal("{(abc, 3): 2, (d, 1): 1}", failure.Actual);
        Assert.Equal("{(abc, 3): 1, (d, 1): 1, (e, 1): -1}", failure.Difference);
        Assert.Contains($"capture '{lengths.Name}' at time 1", failure.Message);
        Assert.Contains("expected: {(abc, 3): 1, (e, 1): 1}", failure.Message);
        Assert.Contains("actual:   {(abc, 3): 2, (d, 1): 1}", failure.Message);
        Assert.Contains("actual - expected: {(abc, 3): 1, (d, 1): 1, (e, 1): -1}", failure.Message);
    }

    [Fact]
    public async Task Wrong_changes_fail_although_the_accumulated_collection_matches_elsewhere()
    {
        var (_, lengths) = await Lengths();
        var failure = await Assert.ThrowsAsync<CollectionMismatchException>(() => ExpectChangesAt(lengths, 1, [(("abc", 3), 1L), (("d", 1), 1L)]));
        Assert.Equal("{(ab, 2): -1, (abc, 3): -1}", failure.Difference);
        Assert.Contains("changes of capture", failure.Message);
    }

    [Fact]
    public async Task A_time_that_does_not_close_in_time_is_an_error_naming_capture_time_and_frontier()
    {
        var (input, lengths) = await Lengths();
        // Time 1 closes on its own: once it has, the frontier the failure must name is {2}, however loaded the machine.
        await lengths.WhenPassed(1).WaitAsync(TimeSpan.FromSeconds(10));
        var failure = await Assert.ThrowsAsync<TimeoutException>(() => ExpectCollectionAt(lengths, 2, [(("abc", 3), 2L)], TimeSpan.FromMilliseconds(200)));
        Assert.Contains("Time 2 did not close within 0.2 s", failure.Message);
        Assert.Contains($"capture '{lengths.Name}' still has frontier {{2}}", failure.Message);
        // Within a TestKit block the remaining time is the default (the block hands the failure on wrapped); the
        // block tolerates scheduling delays past its end (epsilon), so that its own overrun check cannot fire first.
        var wrapped = await Assert.ThrowsAnyAsync<Exception>(() => WithinAsync(TimeSpan.FromMilliseconds(300), () => ExpectChangesAt(lengths, 5, []), epsilonValue: TimeSpan.FromSeconds(5)));
        var within = Assert.IsType<TimeoutException>(wrapped is AggregateException { InnerException: { } inner } ? inner : wrapped);
        Assert.Matches(@"Time 5 did not close within 0\.[0-3]\d* s", within.Message);

        // The failed assertions changed nothing: once time 2 closes, the updates accepted before them are all there.
        input.AdvanceTo(3);
        await ExpectCollectionAt(lengths, 2, [(("abc", 3), 2L), (("d", 1), 1L)]);
        await ExpectChangesAt(lengths, 2, []);
    }

    [Fact]
    public async Task Changes_of_a_consolidated_capture_are_refused_with_the_reason()
    {
        var (_, lengths) = await Lengths(CaptureMode.Consolidated);
        var failure = await Assert.ThrowsAsync<ArgumentException>(() => ExpectChangesAt(lengths, 1, []));
        Assert.Contains("CaptureMode.FullHistory", failure.Message);
        await ExpectCollectionAt(lengths, 1, [(("abc", 3), 2L), (("d", 1), 1L)]);
    }
}
