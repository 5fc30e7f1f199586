namespace AkkaDifferential;

/// <summary>The greatest values of each key, maintained incrementally.</summary>
public static class TopKExtensions
{
    /// <summary>
    /// For each key, its <paramref name="k"/> greatest records in the value order (<see cref="DataOrder{T}"/>),
    /// counting multiplicities: a value present three times is three records, so with <c>k = 2</c> it is kept with
    /// multiplicity two. Values with non-positive multiplicity are absent. The order is total and consistent with
    /// equality, so there are no ties to break between distinct values and the result is deterministic; to rank by
    /// one field, put it first in the value (tuples compare field by field), e.g. <c>(Score, Name)</c>.
    /// </summary>
    /// <param name="collection">The <c>(key, value)</c> records.</param>
    /// <param name="k">How many records to keep per key, at least one.</param>
    /// <param name="name">The operator's name in errors; by default <c>TopK#</c> and its index.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is less than one.</exception>
    /// <example><c>var podium = scores.Map(s => (s.Game, (s.Points, s.Player))).TopK(3);</c></example>
    public static Collection<(TKey Key, TVal Value), TTime, long> TopK<TKey, TVal, TTime>(this Collection<(TKey Key, TVal Value), TTime, long> collection, int k, string? name = null)
        where TKey : notnull where TVal : notnull where TTime : notnull
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        return collection.ArrangeByKey().ReduceNamed<TVal, long>("TopK", name, (_, input, output) =>
        {
            // The input is sorted by value: walk it from the greatest down.
            long left = k;
            for (var i = input.Length - 1; i >= 0 && left > 0; i--)
                if (input[i].Diff > 0)
                {
                    var taken = Math.Min(input[i].Diff, left);
                    output.Add((input[i].Value, taken));
                    left -= taken;
                }
        });
    }
}
