using AkkaDifferential.Operators.Reduce;

namespace AkkaDifferential;

/// <summary>
/// Reductions: per-key functions of the accumulated input, maintained incrementally. C# infers type arguments from
/// a lambda's return type but never from its parameters, so the overloads differ in what they infer: a
/// <see cref="ReduceFunction{TKey, TVal, TDiff, TOut}"/> returning one output per key, and <see cref="ReduceLogic{TKey, TVal, TDiff, TOut, TDiffOut}"/>
/// whose outputs have the input's value type, infer everything; logic with outputs of another type needs its five
/// type arguments, or a lambda with typed parameters. The built-in reductions (<c>Min</c>, <c>Max</c>, <c>Sum</c>,
/// <c>TopK</c>, <c>Count</c>, <c>Distinct</c>) need none.
/// </summary>
public static class ReduceExtensions
{
    /// <summary>
    /// For each key, the records <paramref name="logic"/> produces from the key's accumulated values, as
    /// <c>(key, output)</c> pairs. The logic may be any function (min, top-k, …): it sees the whole input of the key.
    /// The type arguments cannot be inferred from a lambda (<c>Reduce&lt;string, int, long, long, long&gt;(…)</c>); see
    /// the overloads that infer them.
    /// </summary>
    /// <param name="collection">The <c>(key, value)</c> records.</param>
    /// <param name="logic">Appends the key's output values and their multiplicities, given its accumulated input.</param>
    /// <param name="name">The operator's name in errors; by default <c>Reduce#</c> and its index.</param>
    public static Collection<(TKey Key, TOut Value), TTime, TDiff> Reduce<TKey, TVal, TOut, TTime, TDiff>(
        this Collection<(TKey Key, TVal Value), TTime, TDiff> collection,
        ReduceLogic<TKey, TVal, TDiff, TOut, TDiff> logic,
        string? name = null)
        where TKey : notnull where TVal : notnull where TOut : notnull where TTime : notnull =>
        collection.ArrangeByKey().ReduceCore(logic, name);

    /// <summary>
    /// For each key, the values <paramref name="logic"/> appends — of the input's value type — given the key's
    /// accumulated values; every type is inferred:
    /// <c>scores.Reduce((player, input, output) =&gt; output.Add(input[^1]))</c>.
    /// </summary>
    /// <param name="collection">The <c>(key, value)</c> records.</param>
    /// <param name="logic">Appends the key's output values and their multiplicities, given its accumulated input.</param>
    /// <param name="name">The operator's name in errors; by default <c>Reduce#</c> and its index.</param>
    public static Collection<(TKey Key, TVal Value), TTime, TDiff> Reduce<TKey, TVal, TTime, TDiff>(
        this Collection<(TKey Key, TVal Value), TTime, TDiff> collection,
        ReduceLogic<TKey, TVal, TDiff, TVal, TDiff> logic,
        string? name = null)
        where TKey : notnull where TVal : notnull where TTime : notnull =>
        collection.ArrangeByKey().Reduce(logic, name);

    /// <summary>
    /// For each key, the one value <paramref name="function"/> returns for the key's accumulated values, with
    /// multiplicity one; every type is inferred: <c>prices.Reduce((item, offers) =&gt; offers.Length)</c>.
    /// </summary>
    /// <param name="collection">The <c>(key, value)</c> records.</param>
    /// <param name="function">The key's output, given its accumulated input.</param>
    /// <param name="name">The operator's name in errors; by default <c>Reduce#</c> and its index.</param>
    public static Collection<(TKey Key, TOut Value), TTime, TDiff> Reduce<TKey, TVal, TOut, TTime, TDiff>(
        this Collection<(TKey Key, TVal Value), TTime, TDiff> collection,
        ReduceFunction<TKey, TVal, TDiff, TOut> function,
        string? name = null)
        where TKey : notnull where TVal : notnull where TOut : notnull where TTime : notnull =>
        collection.ArrangeByKey().Reduce(function, name);

    /// <summary>The multiplicity of each distinct record, as <c>(record, count)</c> pairs of multiplicity one.</summary>
    /// <param name="collection">The records to count.</param>
    /// <param name="name">The operator's name in errors; by default <c>Count#</c> and its index.</param>
    public static Collection<(TKey Key, TDiff Count), TTime, long> Count<TKey, TTime, TDiff>(this Collection<TKey, TTime, TDiff> collection, string? name = null)
        where TKey : notnull where TDiff : notnull where TTime : notnull =>
        TotallyOrdered<TTime>()
            ? collection.ArrangeBySelf().AccumulateTotal<(TKey Key, TDiff Count), long, CountChange<TKey, TTime, TDiff>>("Count", name, default)
            : collection.ArrangeBySelf().ReduceNamed<TDiff, long>("Count", name, static (_, input, output) => output.Add((input[0].Diff, 1L)));

    /// <summary>Each record whose multiplicity is positive, once.</summary>
    /// <param name="collection">The records.</param>
    /// <param name="name">The operator's name in errors; by default <c>Threshold#</c> and its index.</param>
    public static Collection<TKey, TTime, long> Distinct<TKey, TTime>(this Collection<TKey, TTime, long> collection, string? name = null)
        where TKey : notnull where TTime : notnull =>
        collection.Threshold(static (_, count) => count > 0 ? 1L : 0L, name);

    /// <summary>Each record with the multiplicity <paramref name="threshold"/> gives for its accumulated multiplicity.</summary>
    /// <param name="collection">The records.</param>
    /// <param name="threshold">The output multiplicity of a record, given the record and its accumulated multiplicity.</param>
    /// <param name="name">The operator's name in errors; by default <c>Threshold#</c> and its index.</param>
    public static Collection<TKey, TTime, TDiffOut> Threshold<TKey, TTime, TDiff, TDiffOut>(
        this Collection<TKey, TTime, TDiff> collection,
        Func<TKey, TDiff, TDiffOut> threshold,
        string? name = null)
        where TKey : notnull where TTime : notnull =>
        TotallyOrdered<TTime>()
            ? collection.ArrangeBySelf().AccumulateTotal<TKey, TDiffOut, ThresholdChange<TKey, TTime, TDiff, TDiffOut>>("Threshold", name, new(threshold))
            : collection.ArrangeBySelf()
                .ReduceNamed<Unit, TDiffOut>("Threshold", name, (key, input, output) => output.Add((default, threshold(key, input[0].Diff))))
                .Map(static pair => pair.Key);

    /// <summary>
    /// Whether <typeparamref name="TTime"/> is totally ordered (one coordinate, as <c>long</c>): then <c>Count</c>
    /// and <c>Threshold</c> take the fast path of <see cref="TotalCountRuntime{TKey, TTime, TDiff, TOut, TDiffOut, TChange}"/>.
    /// </summary>
    private static bool TotallyOrdered<TTime>() => Timestamp.Coordinates<TTime>() == 1;
}
