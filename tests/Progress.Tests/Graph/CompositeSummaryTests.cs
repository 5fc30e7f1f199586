using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Progress.Tracking;
using CsCheck;

namespace AkkaDifferential.Progress.Tests.Graph;

/// <summary>
/// <see cref="CompositeSummary"/> against its definition: a path's summary applied to a time is the path's steps
/// applied in turn (<see cref="PathSummary.Apply"/>), and a summary ≤ another gives times no later than it.
/// </summary>
public sealed class CompositeSummaryTests
{
    private const long Iterations = 5_000;

    /// <summary>A start depth, steps valid from it (never truncating more than there is, never leaving a time empty), and a time of that depth.</summary>
    private static readonly Gen<(int Depth, PathSummary[] Steps, FlatTime Time)> Path =
        Gen.Select(Gen.Int[1, 4], Gen.Select(Gen.Int[0, 3], Gen.Int[0, 2], Gen.Long[0, 3]).Array[0, 8], Gen.Long[0, 5].Array[4])
            .Select(drawn =>
            {
                var (depth, raw, coordinates) = drawn;
                var steps = new PathSummary[raw.Length];
                var at = depth;
                for (var i = 0; i < raw.Length; i++)
                {
                    var (truncate, extend, increment) = raw[i];
                    truncate = Math.Min(truncate, at);
                    if (at - truncate + extend < 1)
                        extend = 1;
                    steps[i] = new PathSummary(truncate, extend, increment);
                    at += extend - truncate;
                }
                return (depth, steps, new FlatTime(coordinates[..depth]));
            });

    [Fact]
    public void A_composed_path_moves_a_time_as_its_steps_do_in_turn() =>
        Path.Sample((_, steps, time) =>
        {
            var expected = time;
            var composed = CompositeSummary.Identity;
            foreach (var step in steps)
            {
                expected = step.Apply(expected);
                composed = composed.Then(step);
            }
            Assert.Equal(expected, composed.Apply(time));
            if (composed.IsIdentity)
                Assert.Equal(time, expected);
        }, iter: Iterations);

    [Fact]
    public void Composition_is_associative() =>
        Gen.Select(Path, Gen.Int[0, 8]).Sample((path, cut) =>
        {
            var (_, steps, time) = path;
            cut = Math.Min(cut, steps.Length);
            var whole = Compose(steps);
            var split = Compose(steps[..cut]).Then(Compose(steps[cut..]));
            Assert.Equal(whole, split);
            Assert.Equal(whole.Apply(time), split.Apply(time));
        }, iter: Iterations);

    [Fact]
    public void A_summary_less_or_equal_to_another_gives_times_no_later() =>
        // Two paths with the same truncations and extensions, so that their summaries are often comparable.
        Gen.Select(Path, Gen.Long[0, 3].Array[8], Gen.Long[0, 5].Array[4]).Sample((path, increments, other) =>
        {
            var (depth, steps, time) = path;
            var varied = new PathSummary[steps.Length];
            for (var i = 0; i < steps.Length; i++)
                varied[i] = steps[i] with { Increment = increments[i] };
            var (a, b) = (Compose(steps), Compose(varied));
            foreach (var (low, high) in new[] { (a, b), (b, a) })
                if (low.LessEqual(high))
                    foreach (var t in new[] { time, new FlatTime(other[..depth]) })
                        Assert.True(FlatTime.LessEqual(low.Apply(t), high.Apply(t)), $"{low} ≤ {high}, yet {low.Apply(t)} ≰ {high.Apply(t)}");
            Assert.True(a.LessEqual(a));
        }, iter: Iterations);

    [Fact]
    public void A_feedback_increment_before_entering_a_scope_stays_on_the_outer_coordinate()
    {
        // Not expressible as one PathSummary: the increment is on the coordinate before the appended one.
        var summary = CompositeSummary.Of(new PathSummary(0, 0, 1)).Then(new PathSummary(0, 1, 0));
        Assert.Equal(new FlatTime([4, 0]), summary.Apply(new FlatTime([3])));
        Assert.Equal(new FlatTime([2, 4, 0]), summary.Apply(new FlatTime([2, 3])));
    }

    [Fact]
    public void Entering_and_leaving_a_scope_is_the_identity() =>
        Assert.True(CompositeSummary.Of(new PathSummary(0, 2, 0)).Then(new PathSummary(0, 0, 5)).Then(new PathSummary(2, 0, 0)).IsIdentity);

    [Fact]
    public void Going_around_an_outer_loop_is_incomparable_with_staying_inside()
    {
        // From inside a scope: leave it, go around the outer loop, enter again. The inner coordinate restarts at 0.
        var around = CompositeSummary.Of(new PathSummary(1, 0, 0)).Then(new PathSummary(0, 0, 1)).Then(new PathSummary(0, 1, 0));
        Assert.Equal(new FlatTime([4, 0]), around.Apply(new FlatTime([3, 7])));
        Assert.False(around.LessEqual(CompositeSummary.Identity));
        Assert.False(CompositeSummary.Identity.LessEqual(around));
        Assert.True(around.LessEqual(around.Then(around)));
    }

    private static CompositeSummary Compose(IEnumerable<PathSummary> steps) =>
        steps.Aggregate(CompositeSummary.Identity, (summary, step) => summary.Then(step));
}
