namespace AkkaDifferential;

/// <summary>The least value of each key, maintained incrementally.</summary>
public static class MinExtensions
{
    /// <summary>
    /// For each key, its least value in the value order (<see cref="DataOrder{T}"/>) among the values with positive
    /// multiplicity, as one <c>(key, value)</c> record of multiplicity one. A key whose values all have non-positive
    /// multiplicities has no minimum. As differential dataflow's reductions, it reads the key's values sorted and
    /// stops at the first present one.
    /// </summary>
    /// <param name="collection">The <c>(key, value)</c> records.</param>
    /// <param name="name">The operator's name in errors; by default <c>Min#</c> and its index.</param>
    /// <example><c>var cheapest = prices.Min();   // (item, lowest price)</c></example>
    public static Collection<(TKey Key, TVal Value), TTime, long> Min<TKey, TVal, TTime>(this Collection<(TKey Key, TVal Value), TTime, long> collection, string? name = null)
        where TKey : notnull where TVal : notnull where TTime : notnull =>
        collection.ArrangeByKey().ReduceNamed<TVal, long>("Min", name, static (_, input, output) =>
        {
            foreach (var (value, count) in input)
                if (count > 0)
                {
                    output.Add((value, 1L));
                    return;
                }
        });
}
