namespace AkkaDifferential;

/// <summary>
/// The left outer join, which differential dataflow leaves to its users (they build it from <c>join</c> and
/// <c>antijoin</c>; its issue #121 asks for it): every left record appears, paired with each matching right value,
/// or with <see cref="Optional{T}.None"/> while its key has none.
/// </summary>
public static class LeftJoinExtensions
{
    /// <summary>
    /// Pairs every record <c>(k, v1)</c> of this collection with each value <c>v2</c> of the records <c>(k, v2)</c>
    /// of <paramref name="right"/>, as <c>(k, (v1, Some(v2)))</c> with the product of their multiplicities — as
    /// <c>Join</c> does — and, while no record of <paramref name="right"/> has the key <c>k</c> (no value with a
    /// non-zero multiplicity), as <c>(k, (v1, None))</c> with the multiplicity of <c>(k, v1)</c>. When a right record
    /// of the key arrives, the <c>None</c> pairing is retracted at that time, and it returns when the last leaves.
    /// </summary>
    /// <remarks>
    /// Built from parts that are maintained incrementally: the two sides are arranged once each; the matches are their
    /// join; the keys present on the right are a reduction of the right arrangement; the unmatched left records are
    /// the left records minus their join with those keys.
    /// </remarks>
    /// <param name="left">The records that all appear in the result.</param>
    /// <param name="right">The records that match them by key.</param>
    /// <param name="name">The name of the join of the two sides in errors; by default <c>Join#</c> and its index.</param>
    /// <example><c>var withCustomer = orders.LeftJoin(customers);   // (id, (order, Some(customer) or None))</c></example>
    public static Collection<(TKey Key, (TVal1 Left, Optional<TVal2> Right) Value), TTime, TDiff> LeftJoin<TKey, TVal1, TVal2, TTime, TDiff>(
        this Collection<(TKey Key, TVal1 Value), TTime, TDiff> left,
        Collection<(TKey Key, TVal2 Value), TTime, TDiff> right,
        string? name = null)
        where TKey : notnull where TVal1 : notnull where TVal2 : notnull where TTime : notnull
    {
        var one = Difference.One<TDiff>();
        var leftArranged = left.ArrangeByKey();
        var rightArranged = right.ArrangeByKey();
        var matched = leftArranged.JoinCore(rightArranged, static (key, v1, v2) => (key, (v1, Optional<TVal2>.Some(v2))), name);
        // The reduction runs only for keys with a value of non-zero multiplicity: exactly the keys with a match.
        var present = rightArranged.ReduceNamed<Unit, TDiff>("KeysPresent", null, (_, _, output) => output.Add((default, one))).ArrangeByKey();
        var unmatched = left.Map(static record => (record.Key, (record.Value, Optional<TVal2>.None)))
            .Concat(leftArranged.JoinCore(present, static (key, v1, _) => (key, (v1, Optional<TVal2>.None))).Negate());
        return matched.Concat(unmatched);
    }
}
