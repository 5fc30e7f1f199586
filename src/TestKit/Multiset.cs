namespace AkkaDifferential.TestKit;

/// <summary>
/// Multisets as assertion failures show them: records in <see cref="DataOrder{T}"/> with their multiplicities,
/// <c>{a: 1, b: 2}</c>, and the difference of two (actual minus expected) without zeros.
/// </summary>
internal static class Multiset
{
    /// <summary>Sums the multiplicities of equal records and drops the records whose sum is zero.</summary>
    public static Dictionary<TData, TDiff> From<TData, TDiff>(IEnumerable<KeyValuePair<TData, TDiff>> entries) where TData : notnull
    {
        var result = new Dictionary<TData, TDiff>();
        foreach (var (data, diff) in entries)
            result[data] = Difference.Add(result.GetValueOrDefault(data, Difference.Zero<TDiff>()), diff);
        foreach (var (data, diff) in result)
            if (Difference.IsZero(diff))
                result.Remove(data);
        return result;
    }

    /// <summary><paramref name="actual"/> minus <paramref name="expected"/>: what is there and should not be (positive), what is missing (negative).</summary>
    public static Dictionary<TData, TDiff> Subtract<TData, TDiff>(IReadOnlyDictionary<TData, TDiff> actual, IReadOnlyDictionary<TData, TDiff> expected)
        where TData : notnull =>
        From(actual.Concat(expected.Select(kv => KeyValuePair.Create(kv.Key, Difference.Negate(kv.Value)))));

    /// <summary>The multiset as <c>{a: 1, b: 2}</c>, records in <see cref="DataOrder{T}"/>.</summary>
    public static string Format<TData, TDiff>(IReadOnlyDictionary<TData, TDiff> multiset) where TData : notnull =>
        "{" + string.Join(", ", multiset.OrderBy(kv => kv.Key, DataOrder<TData>.Comparer).Select(kv => $"{kv.Key}: {kv.Value}")) + "}";
}
