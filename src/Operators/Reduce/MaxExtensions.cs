namespace AkkaDifferential;

/// <summary>The greatest value of each key, maintained incrementally.</summary>
public static class MaxExtensions
{
    /// <summary>
    /// For each key, its greatest value in the value order (<see cref="DataOrder{T}"/>) among the values with
    /// positive multiplicity, as one <c>(key, value)</c> record of multiplicity one. A key whose values all have
    /// non-positive multiplicities has no maximum.
    /// </summary>
    /// <param name="collection">The <c>(key, value)</c> records.</param>
    /// <param name="name">The operator's name in errors; by default <c>Max#</c> and its index.</param>
    /// <example><c>var best = scores.Max();   // (player, highest score)</c></example>
    public static Collection<(TKey Key, TVal Value), TTime, long> Max<TKey, TVal, TTime>(this Collection<(TKey Key, TVal Value), TTime, long> collection, string? name = null)
        where TKey : notnull where TVal : notnull where TTime : notnull =>
        collection.ArrangeByKey().ReduceNamed<TVal, long>("Max", name, static (_, input, output) =>
        {
            for (var i = input.Length - 1; i >= 0; i--)
                if (input[i].Diff > 0)
                {
                    output.Add((input[i].Value, 1L));
                    return;
                }
        });
}
