namespace AkkaDifferential;

/// <summary>Joins of collections keyed by the first element of their records.</summary>
public static class JoinExtensions
{
    /// <summary>Pairs the values of equal keys: <c>(k, v1)</c> and <c>(k, v2)</c> give <c>(k, (v1, v2))</c>.</summary>
    public static Collection<(TKey Key, (TVal1, TVal2) Value), TTime, TDiff> Join<TKey, TVal1, TVal2, TTime, TDiff>(
        this Collection<(TKey Key, TVal1 Value), TTime, TDiff> left,
        Collection<(TKey Key, TVal2 Value), TTime, TDiff> right)
        where TKey : notnull where TVal1 : notnull where TVal2 : notnull where TTime : notnull =>
        left.JoinMap(right, static (key, v1, v2) => (key, (v1, v2)));

    /// <summary>Like <see cref="Join{TKey, TVal1, TVal2, TTime, TDiff}"/>, building each output record with <paramref name="result"/>.</summary>
    public static Collection<TOut, TTime, TDiff> JoinMap<TKey, TVal1, TVal2, TOut, TTime, TDiff>(
        this Collection<(TKey Key, TVal1 Value), TTime, TDiff> left,
        Collection<(TKey Key, TVal2 Value), TTime, TDiff> right,
        Func<TKey, TVal1, TVal2, TOut> result)
        where TKey : notnull where TVal1 : notnull where TVal2 : notnull where TOut : notnull where TTime : notnull =>
        left.ArrangeByKey().JoinCore(right.ArrangeByKey(), result);

    /// <summary>The records whose key is in <paramref name="keys"/> (each with its multiplicity times the key's).</summary>
    public static Collection<(TKey Key, TVal Value), TTime, TDiff> Semijoin<TKey, TVal, TTime, TDiff>(
        this Collection<(TKey Key, TVal Value), TTime, TDiff> collection,
        Collection<TKey, TTime, TDiff> keys)
        where TKey : notnull where TVal : notnull where TTime : notnull =>
        collection.ArrangeByKey().JoinCore(keys.ArrangeBySelf(), static (key, value, _) => (key, value));

    /// <summary>
    /// The records whose key is not in <paramref name="keys"/>: the collection minus its semijoin. <paramref name="keys"/>
    /// should be a set (multiplicities 0 or 1), as after <c>Distinct</c>.
    /// </summary>
    public static Collection<(TKey Key, TVal Value), TTime, TDiff> Antijoin<TKey, TVal, TTime, TDiff>(
        this Collection<(TKey Key, TVal Value), TTime, TDiff> collection,
        Collection<TKey, TTime, TDiff> keys)
        where TKey : notnull where TVal : notnull where TTime : notnull =>
        collection.Concat(collection.Semijoin(keys).Negate());
}
