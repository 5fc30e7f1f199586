using System.Runtime.InteropServices;

namespace AkkaDifferential.Operators.Reduce;

/// <summary>
/// A small map from values to non-zero sums of differences, kept sorted by <see cref="DataOrder{T}"/> in one list:
/// the accumulation of a key's few values, updated in place as updates are added in time order.
/// </summary>
internal sealed class SortedSums<TValue, TDiff>
{
    private readonly List<(TValue Value, TDiff Diff)> sums = [];

    /// <summary>The values with their non-zero sums, sorted by value.</summary>
    public ReadOnlySpan<(TValue Value, TDiff Diff)> Items => CollectionsMarshal.AsSpan(sums);

    /// <summary>Forgets every sum.</summary>
    public void Clear() => sums.Clear();

    /// <summary>Adds <paramref name="diff"/> to the sum of <paramref name="value"/>, dropping it when it becomes zero.</summary>
    public void Add(TValue value, TDiff diff)
    {
        var at = Find(value);
        if (at < 0)
        {
            if (!Difference.IsZero(diff))
                sums.Insert(~at, (value, diff));
            return;
        }
        var sum = Difference.Add(sums[at].Diff, diff);
        if (Difference.IsZero(sum))
            sums.RemoveAt(at);
        else
            sums[at] = (value, sum);
    }

    /// <summary>The index of <paramref name="value"/>, or the complement of where it would be inserted.</summary>
    private int Find(TValue value)
    {
        // Values are usually appended in order: check the end before searching.
        var count = sums.Count;
        if (count == 0)
            return ~0;
        var last = DataOrder<TValue>.Compare(sums[count - 1].Value, value);
        if (last < 0)
            return ~count;
        if (last == 0)
            return count - 1;
        int low = 0, high = count - 2;
        while (low <= high)
        {
            var mid = low + ((high - low) >> 1);
            var c = DataOrder<TValue>.Compare(sums[mid].Value, value);
            if (c == 0)
                return mid;
            if (c < 0)
                low = mid + 1;
            else
                high = mid - 1;
        }
        return ~low;
    }
}
