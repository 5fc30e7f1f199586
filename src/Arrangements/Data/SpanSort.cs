using System.Numerics;

namespace AkkaDifferential.Arrangements.Data;

/// <summary>
/// An introspective sort (quicksort with median-of-three pivots, insertion sort for short ranges, heapsort when
/// recursion gets deep) generic over a struct comparer. The runtime's span sort takes its comparer as an
/// <see cref="IComparer{T}"/> and calls it through the interface; here the comparer is a type parameter, so the JIT
/// compiles one copy per comparer with the comparison inlined — the difference is large for the rows of a batch,
/// whose comparison is a few integer compares.
/// </summary>
internal static class SpanSort
{
    private const int InsertionSortThreshold = 16;

    /// <summary>Sorts <paramref name="items"/> in place by <paramref name="comparer"/> (not stable).</summary>
    public static void Sort<T, TComparer>(Span<T> items, TComparer comparer) where TComparer : struct, IComparer<T>
    {
        if (items.Length > 1)
            IntroSort(items, 2 * (BitOperations.Log2((uint)items.Length) + 1), comparer);
    }

    /// <summary>True when <paramref name="items"/> is already in order (one pass, to skip sorting sorted input).</summary>
    public static bool IsSorted<T, TComparer>(ReadOnlySpan<T> items, TComparer comparer) where TComparer : struct, IComparer<T>
    {
        for (var i = 1; i < items.Length; i++)
            if (comparer.Compare(items[i - 1], items[i]) > 0)
                return false;
        return true;
    }

    private static void IntroSort<T, TComparer>(Span<T> items, int depth, TComparer comparer) where TComparer : struct, IComparer<T>
    {
        while (items.Length > InsertionSortThreshold)
        {
            if (depth == 0)
            {
                HeapSort(items, comparer);
                return;
            }
            depth--;
            var pivot = Partition(items, comparer);
            // Recurse into the right part, loop on the left: the stack stays logarithmic.
            IntroSort(items[(pivot + 1)..], depth, comparer);
            items = items[..pivot];
        }
        InsertionSort(items, comparer);
    }

    /// <summary>
    /// Orders the first, middle and last items, takes the middle as the pivot and partitions around it; returns the
    /// pivot's final index. The ordered ends act as sentinels for the inner scans.
    /// </summary>
    private static int Partition<T, TComparer>(Span<T> items, TComparer comparer) where TComparer : struct, IComparer<T>
    {
        var last = items.Length - 1;
        var middle = last >> 1;
        OrderPair(items, 0, middle, comparer);
        OrderPair(items, 0, last, comparer);
        OrderPair(items, middle, last, comparer);
        var pivot = items[middle];
        Swap(items, middle, last - 1);
        int left = 0, right = last - 1;
        while (left < right)
        {
            while (comparer.Compare(items[++left], pivot) < 0)
            {
            }
            while (comparer.Compare(pivot, items[--right]) < 0)
            {
            }
            if (left >= right)
                break;
            Swap(items, left, right);
        }
        if (left != last - 1)
            Swap(items, left, last - 1);
        return left;
    }

    private static void InsertionSort<T, TComparer>(Span<T> items, TComparer comparer) where TComparer : struct, IComparer<T>
    {
        for (var i = 1; i < items.Length; i++)
        {
            var item = items[i];
            var j = i - 1;
            while (j >= 0 && comparer.Compare(item, items[j]) < 0)
            {
                items[j + 1] = items[j];
                j--;
            }
            items[j + 1] = item;
        }
    }

    private static void HeapSort<T, TComparer>(Span<T> items, TComparer comparer) where TComparer : struct, IComparer<T>
    {
        var n = items.Length;
        for (var i = (n >> 1) - 1; i >= 0; i--)
            SiftDown(items, i, n, comparer);
        for (var end = n - 1; end > 0; end--)
        {
            Swap(items, 0, end);
            SiftDown(items, 0, end, comparer);
        }
    }

    private static void SiftDown<T, TComparer>(Span<T> items, int root, int count, TComparer comparer) where TComparer : struct, IComparer<T>
    {
        var item = items[root];
        while (true)
        {
            var child = 2 * root + 1;
            if (child >= count)
                break;
            if (child + 1 < count && comparer.Compare(items[child], items[child + 1]) < 0)
                child++;
            if (comparer.Compare(item, items[child]) >= 0)
                break;
            items[root] = items[child];
            root = child;
        }
        items[root] = item;
    }

    private static void OrderPair<T, TComparer>(Span<T> items, int i, int j, TComparer comparer) where TComparer : struct, IComparer<T>
    {
        if (comparer.Compare(items[i], items[j]) > 0)
            Swap(items, i, j);
    }

    private static void Swap<T>(Span<T> items, int i, int j) => (items[i], items[j]) = (items[j], items[i]);
}
