namespace AkkaDifferential;

/// <summary>Joins of collections keyed by the first element of their records.</summary>
public static class JoinExtensions
{
    /// <summary>Pairs the values of equal keys: <c>(k, v1)</c> and <c>(k, v2)</c> give <c>(k, (v1, v2))</c>.</summary>
    /// <param name="left">The left records.</param>
    /// <param name="right">The right records.</param>
    /// <param name="name">The join's name in errors; by default <c>Join#</c> and its index.</param>
    public static Collection<(TKey Key, (TVal1, TVal2) Value), TTime, TDiff> Join<TKey, TVal1, TVal2, TTime, TDiff>(
        this Collection<(TKey Key, TVal1 Value), TTime, TDiff> left,
        Collection<(TKey Key, TVal2 Value), TTime, TDiff> right,
        string? name = null)
        where TKey : notnull where TVal1 : notnull where TVal2 : notnull where TTime : notnull =>
        left.JoinMap(right, static (key, v1, v2) => (key, (v1, v2)), name);

    /// <summary>Like <see cref="Join{TKey, TVal1, TVal2, TTime, TDiff}"/>, building each output record with <paramref name="result"/>.</summary>
    /// <param name="left">The left records.</param>
    /// <param name="right">The right records.</param>
    /// <param name="result">Builds an output record from the key and the two values.</param>
    /// <param name="name">The join's name in errors; by default <c>Join#</c> and its index.</param>
    public static Collection<TOut, TTime, TDiff> JoinMap<TKey, TVal1, TVal2, TOut, TTime, TDiff>(
        this Collection<(TKey Key, TVal1 Value), TTime, TDiff> left,
        Collection<(TKey Key, TVal2 Value), TTime, TDiff> right,
        Func<TKey, TVal1, TVal2, TOut> result,
        string? name = null)
        where TKey : notnull where TVal1 : notnull where TVal2 : notnull where TOut : notnull where TTime : notnull =>
        left.ArrangeByKey().JoinCore(right.ArrangeByKey(), result, name);

    /// <summary>The records whose key is in <paramref name="keys"/> (each with its multiplicity times the key's).</summary>
    /// <param name="collection">The <c>(key, value)</c> records.</param>
    /// <param name="keys">The keys to keep.</param>
    /// <param name="name">The join's name in errors; by default <c>Join#</c> and its index.</param>
    public static Collection<(TKey Key, TVal Value), TTime, TDiff> Semijoin<TKey, TVal, TTime, TDiff>(
        this Collection<(TKey Key, TVal Value), TTime, TDiff> collection,
        Collection<TKey, TTime, TDiff> keys,
        string? name = null)
        where TKey : notnull where TVal : notnull where TTime : notnull =>
        collection.ArrangeByKey().JoinCore(keys.ArrangeBySelf(), static (key, value, _) => (key, value), name);

    /// <summary>
    /// The records whose key is not in <paramref name="keys"/>: the collection minus its semijoin. <paramref name="keys"/>
    /// should be a set (multiplicities 0 or 1), as after <c>Distinct</c>.
    /// </summary>
    /// <param name="collection">The <c>(key, value)</c> records.</param>
    /// <param name="keys">The keys to drop.</param>
    /// <param name="name">The name of its semijoin in errors; by default <c>Join#</c> and its index.</param>
    public static Collection<(TKey Key, TVal Value), TTime, TDiff> Antijoin<TKey, TVal, TTime, TDiff>(
        this Collection<(TKey Key, TVal Value), TTime, TDiff> collection,
        Collection<TKey, TTime, TDiff> keys,
        string? name = null)
        where TKey : notnull where TVal : notnull where TTime : notnull =>
        collection.Concat(collection.Semijoin(keys, name).Negate());
}
