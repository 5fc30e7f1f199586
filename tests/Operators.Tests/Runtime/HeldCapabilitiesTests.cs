using AkkaDifferential.Operators.Runtime;
using AkkaDifferential.Progress.Graph;

namespace AkkaDifferential.Operators.Tests.Runtime;

/// <summary>
/// Capabilities move only to times derived from what is held or from the batch being processed; anything else is
/// refused with the times named, and nothing is reported for the refused move.
/// </summary>
public sealed class HeldCapabilitiesTests
{
    private static readonly Location Output = Location.Source(3, 0);

    private static Antichain<Product<long, int>> At(params (long Outer, int Inner)[] times) =>
        new(times.Select(static t => new Product<long, int>(t.Outer, t.Inner)));

    [Fact]
    public void Moves_to_later_times_and_to_times_of_the_batch_being_processed_are_reported()
    {
        var progress = new ProgressBatcher<Product<long, int>>();
        var held = new HeldCapabilities<Product<long, int>>(progress, Output);

        held.HoldExactly(At((5, 3)), processing: [new Product<long, int>(5, 2)]);
        held.HoldExactly(At((5, 4), (7, 3)));
        held.HoldExactly(At((6, 0), (5, 4)), processing: [new Product<long, int>(6, 0)]);

        // Net: (6, 0) and (5, 4) held, everything else taken and given back.
        var changes = progress.Drain().ToDictionary(c => c.Time.To<Product<long, int>>(), c => c.Delta);
        Assert.Equal(new Dictionary<Product<long, int>, long> { [new(6, 0)] = 1, [new(5, 4)] = 1 }, changes);
    }

    [Fact]
    public void A_capability_derived_from_nothing_held_or_processed_is_refused_naming_the_times()
    {
        var progress = new ProgressBatcher<Product<long, int>>();
        var held = new HeldCapabilities<Product<long, int>>(progress, Output);
        held.HoldExactly(At((5, 3)), processing: [new Product<long, int>(5, 3)]);
        progress.Drain();

        // (6, 1) is not ≥ (5, 3), nor ≥ the batch's (7, 0): a frontier may already have passed it.
        var error = Assert.Throws<InvalidOperationException>(() =>
            held.HoldExactly(At((6, 1)), processing: [new Product<long, int>(7, 0)]));

        Assert.Contains("(6, 1)", error.Message);
        Assert.Contains("(5, 3)", error.Message);
        Assert.Contains("(7, 0)", error.Message);
        Assert.Empty(progress.Drain());
    }
}
