using System.Buffers;
using AkkaDifferential.Arrangements.Data;

namespace AkkaDifferential.Arrangements.Trace.Hashed;

/// <summary>
/// Sorts rows into <see cref="HashedRowOrder{TKey, TVal, TTime, TDiff}"/>, the order of a hashed batch: each row's key
/// is hashed once, the rows are sorted by their hashes (a sort of 64-bit integers carrying the rows, with no comparer
/// call), and each run of rows of one hash is then sorted by the full row order (keys of equal hash by
/// <see cref="DataOrder{T}"/>, then value and time). A comparison sort in that order would hash two keys per
/// comparison, about <c>2 log2 n</c> hashes per row.
/// </summary>
internal static class HashSort
{
    // Hash buffers up to this many rows come from the shared pool; a larger sort allocates its own and lets it go.
    private const int PooledRows = 1 << 16;

    /// <summary>Sorts <paramref name="rows"/> by <see cref="HashedRowOrder{TKey, TVal, TTime, TDiff}"/>.</summary>
    public static void Sort<TKey, TVal, TTime, TDiff>(Span<TraceRow<TKey, TVal, TTime, TDiff>> rows)
    {
        var n = rows.Length;
        if (n < 2)
            return;
        var pooled = n <= PooledRows;
        var buffer = pooled ? ArrayPool<ulong>.Shared.Rent(n) : GC.AllocateUninitializedArray<ulong>(n);
        try
        {
            var hashes = buffer.AsSpan(0, n);
            for (var i = 0; i < n; i++)
                hashes[i] = HashOrder<TKey>.Hash(rows[i].Key);
            hashes.Sort(rows);
            var order = new HashedRowOrder<TKey, TVal, TTime, TDiff>();
            for (var start = 0; start < n;)
            {
                var end = start + 1;
                while (end < n && hashes[end] == hashes[start])
                    end++;
                if (end - start > 1 && !SpanSort.IsSorted<TraceRow<TKey, TVal, TTime, TDiff>, HashedRowOrder<TKey, TVal, TTime, TDiff>>(rows[start..end], order))
                    SpanSort.Sort(rows[start..end], order);
                start = end;
            }
        }
        finally
        {
            if (pooled)
                ArrayPool<ulong>.Shared.Return(buffer);
        }
    }
}
