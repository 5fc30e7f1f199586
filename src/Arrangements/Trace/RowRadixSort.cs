using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AkkaDifferential.Arrangements.Data;

namespace AkkaDifferential.Arrangements.Trace;

/// <summary>
/// Sorts rows whose keys are integers (<see cref="RadixKey{T}"/>) by radix, the seed's radix batcher beside its merge
/// batcher: a least-significant-digit sort of the keys' bits, a byte at a time, that skips every byte no two keys
/// differ in (node ids below 2^24 take three passes, not eight), followed by a comparison sort of each run of equal
/// keys by value and time. Each pass reads the rows once to count and once to move them, without a comparison;
/// the comparison sort it replaces costs about <c>log2 n</c> comparisons per row. Which of the two sorts a batch
/// gets, and from what size, is decided by <see cref="Applies{TKey}"/> from measurements (docs/benchmarks.md).
/// </summary>
internal static class RowRadixSort
{
    /// <summary>
    /// The fewest rows for which the radix sort is used: below it the comparison sort was as fast or faster
    /// (benchmarks/Sort.Benchmarks).
    /// </summary>
    public const int Threshold = 128;

    // Buffers up to this many rows come from the shared pool; a larger sort allocates its own and lets it go, so that
    // the pool never pins a one-off large buffer.
    private const int PooledRows = 1 << 16;

    /// <summary>True when rows keyed by <typeparamref name="TKey"/>, <paramref name="count"/> of them, are sorted by radix.</summary>
    public static bool Applies<TKey>(int count) => RadixKey<TKey>.Supported && count >= Threshold;

    /// <summary>
    /// Sorts <paramref name="rows"/> by <see cref="TraceRowOrder{TKey, TVal, TTime, TDiff}"/>, as the comparison sort
    /// would, for a key type that <see cref="RadixKey{T}.Supported"/>.
    /// </summary>
    public static void Sort<TKey, TVal, TTime, TDiff>(Span<TraceRow<TKey, TVal, TTime, TDiff>> rows)
    {
        TraceRow<TKey, TVal, TTime, TDiff>[]? scratch = null;
        Sort(rows, ref scratch);
    }

    /// <summary>
    /// As <see cref="Sort{TKey, TVal, TTime, TDiff}(Span{TraceRow{TKey, TVal, TTime, TDiff}})"/>; a sort too large
    /// for the shared pool moves its rows through <paramref name="scratch"/>, allocated there when it is missing or
    /// too short, so that a caller that sorts many large batches in a row (a batcher's staged updates) allocates its
    /// scratch once instead of once per sort.
    /// </summary>
    public static void Sort<TKey, TVal, TTime, TDiff>(Span<TraceRow<TKey, TVal, TTime, TDiff>> rows, ref TraceRow<TKey, TVal, TTime, TDiff>[]? scratch)
    {
        var n = rows.Length;
        if (n < 2)
            return;
        ulong all = ulong.MaxValue, any = 0;
        for (var i = 0; i < n; i++)
        {
            var bits = RadixKey<TKey>.Bits(rows[i].Key);
            all &= bits;
            any |= bits;
        }
        var varying = all ^ any;
        if (varying != 0)
            SortByKey(rows, varying, ref scratch);
        SortRunsOfEqualKeys(rows);
    }

    /// <summary>The stable radix passes over the bytes in which some keys differ (<paramref name="varying"/>).</summary>
    private static void SortByKey<TKey, TVal, TTime, TDiff>(
        Span<TraceRow<TKey, TVal, TTime, TDiff>> rows, ulong varying, ref TraceRow<TKey, TVal, TTime, TDiff>[]? scratch)
    {
        var n = rows.Length;
        var pooled = n <= PooledRows;
        if (!pooled && (scratch is null || scratch.Length < n))
            scratch = GC.AllocateUninitializedArray<TraceRow<TKey, TVal, TTime, TDiff>>(n);
        var buffer = pooled ? ArrayPool<TraceRow<TKey, TVal, TTime, TDiff>>.Shared.Rent(n) : scratch!;
        try
        {
            var source = rows;
            var target = buffer.AsSpan(0, n);
            Span<int> starts = stackalloc int[256];
            for (var shift = 0; shift < 8 * RadixKey<TKey>.Bytes; shift += 8)
            {
                if (((varying >> shift) & 0xFF) == 0)
                    continue;
                starts.Clear();
                for (var i = 0; i < n; i++)
                    starts[(int)((RadixKey<TKey>.Bits(source[i].Key) >> shift) & 0xFF)]++;
                var sum = 0;
                for (var digit = 0; digit < 256; digit++)
                {
                    var count = starts[digit];
                    starts[digit] = sum;
                    sum += count;
                }
                for (var i = 0; i < n; i++)
                {
                    ref readonly var row = ref source[i];
                    target[starts[(int)((RadixKey<TKey>.Bits(row.Key) >> shift) & 0xFF)]++] = row;
                }
                var swap = source;
                source = target;
                target = swap;
            }
            if (!Unsafe.AreSame(ref MemoryMarshal.GetReference(source), ref MemoryMarshal.GetReference(rows)))
                source.CopyTo(rows);
        }
        finally
        {
            // Rows holding references must not keep them alive in the pool or in a scratch the caller keeps.
            if (RuntimeHelpers.IsReferenceOrContainsReferences<TraceRow<TKey, TVal, TTime, TDiff>>())
                buffer.AsSpan(0, n).Clear();
            if (pooled)
                ArrayPool<TraceRow<TKey, TVal, TTime, TDiff>>.Shared.Return(buffer);
        }
    }

    /// <summary>Sorts each run of rows with equal keys by value and time (the keys compare equal within a run).</summary>
    private static void SortRunsOfEqualKeys<TKey, TVal, TTime, TDiff>(Span<TraceRow<TKey, TVal, TTime, TDiff>> rows)
    {
        var order = new TraceRowOrder<TKey, TVal, TTime, TDiff>();
        for (var start = 0; start < rows.Length;)
        {
            var key = RadixKey<TKey>.Bits(rows[start].Key);
            var end = start + 1;
            while (end < rows.Length && RadixKey<TKey>.Bits(rows[end].Key) == key)
                end++;
            if (end - start > 1 && !SpanSort.IsSorted<TraceRow<TKey, TVal, TTime, TDiff>, TraceRowOrder<TKey, TVal, TTime, TDiff>>(rows[start..end], order))
                SpanSort.Sort(rows[start..end], order);
            start = end;
        }
    }
}
