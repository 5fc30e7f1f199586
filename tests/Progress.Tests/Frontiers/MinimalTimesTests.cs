using AkkaDifferential.Progress.Frontiers;
using CsCheck;

namespace AkkaDifferential.Progress.Tests.Frontiers;

/// <summary><see cref="MinimalTimes.Of{T}"/> against the brute-force minimal elements, for a total and a partial order.</summary>
public sealed class MinimalTimesTests
{
    [Fact]
    public void Minimal_times_of_partially_ordered_times_are_the_brute_force_minimal_elements() =>
        Gen.Select(Gen.Long[0, 5], Gen.Int[0, 5], (outer, inner) => new Product<long, int>(outer, inner)).Array[0, 30].Sample(times =>
            Assert.Equal(NaiveOrder.Minimal(times).OrderBy(t => t), MinimalTimes.Of<Product<long, int>>(times).OrderBy(t => t)),
            iter: 3_000);

    [Fact]
    public void Minimal_time_of_totally_ordered_times_is_the_least() =>
        Gen.Long[-5, 1_000].Array[0, 30].Sample(times =>
            Assert.Equal(times.Length == 0 ? [] : new[] { times.Min() }, MinimalTimes.Of<long>(times)),
            iter: 3_000);
}
