using AkkaDifferential.Arrangements.Data;
using CsCheck;

namespace AkkaDifferential.Arrangements.Tests.Data;

/// <summary><see cref="SpanSort"/> against the runtime's sort, on lengths around its thresholds and with many duplicates.</summary>
public sealed class SpanSortTests
{
    [Fact]
    public void Sorts_like_the_runtime_sort() =>
        Gen.Int[0, 40].Array[0, 300].Sample(items =>
        {
            var expected = items.ToArray();
            Array.Sort(expected);
            var actual = items.ToArray();
            SpanSort.Sort(actual.AsSpan(), new IntOrder());
            Assert.Equal(expected, actual);
            Assert.True(SpanSort.IsSorted<int, IntOrder>(actual, new IntOrder()));
        }, iter: 3_000);

    [Fact]
    public void Sorts_large_sorted_reversed_and_constant_inputs()
    {
        foreach (var items in new[]
                 {
                     Enumerable.Range(0, 100_000).ToArray(),
                     Enumerable.Range(0, 100_000).Reverse().ToArray(),
                     Enumerable.Repeat(7, 100_000).ToArray(),
                     Enumerable.Range(0, 100_000).Select(i => i % 2 == 0 ? i : -i).ToArray(),
                 })
        {
            var expected = items.ToArray();
            Array.Sort(expected);
            SpanSort.Sort(items.AsSpan(), new IntOrder());
            Assert.Equal(expected, items);
        }
    }

    [Fact]
    public void Detects_an_unsorted_pair() =>
        Assert.False(SpanSort.IsSorted<int, IntOrder>([1, 2, 2, 1], new IntOrder()));

    private readonly struct IntOrder : IComparer<int>
    {
        public int Compare(int x, int y) => x.CompareTo(y);
    }
}
