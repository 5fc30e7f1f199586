namespace AkkaDifferential;

/// <summary>Reductions: per-key functions of the accumulated input, maintained incrementally.</summary>
public static class ReduceExtensions
{
    /// <summary>
    /// For each key, the records <paramref name="logic"/> produces from the key's accumulated values, as
    /// <c>(key, output)</c> pairs. The logic may be any function (min, top-k, …): it sees the whole input of the key.
    /// </summary>
    public static Collection<(TKey Key, TOut Value), TTime, TDiff> Reduce<TKey, TVal, TOut, TTime, TDiff>(
        this Collection<(TKey Key, TVal Value), TTime, TDiff> collection,
        ReduceLogic<TKey, TVal, TDiff, TOut, TDiff> logic)
        where TKey : notnull where TVal : notnull where TOut : notnull where TTime : notnull =>
        collection.ArrangeByKey().ReduceCore("Reduce", logic);

    /// <summary>The multiplicity of each distinct record, as <c>(record, count)</c> pairs of multiplicity one.</summary>
    public static Collection<(TKey Key, TDiff Count), TTime, long> Count<TKey, TTime, TDiff>(this Collection<TKey, TTime, TDiff> collection)
        where TKey : notnull where TDiff : notnull where TTime : notnull =>
        collection.ArrangeBySelf().ReduceCore<TDiff, long>("Count", static (_, input, output) => output.Add((input[0].Diff, 1L)));

    /// <summary>Each record whose multiplicity is positive, once.</summary>
    public static Collection<TKey, TTime, long> Distinct<TKey, TTime>(this Collection<TKey, TTime, long> collection)
        where TKey : notnull where TTime : notnull =>
        collection.Threshold(static (_, count) => count > 0 ? 1L : 0L);

    /// <summary>Each record with the multiplicity <paramref name="threshold"/> gives for its accumulated multiplicity.</summary>
    public static Collection<TKey, TTime, TDiffOut> Threshold<TKey, TTime, TDiff, TDiffOut>(
        this Collection<TKey, TTime, TDiff> collection,
        Func<TKey, TDiff, TDiffOut> threshold)
        where TKey : notnull where TTime : notnull =>
        collection.ArrangeBySelf()
            .ReduceCore<Unit, TDiffOut>("Threshold", (key, input, output) => output.Add((default, threshold(key, input[0].Diff))))
            .Map(static pair => pair.Key);
}
