using System.Numerics;

namespace AkkaDifferential;

/// <summary>The sum of each key's values, maintained incrementally.</summary>
public static class SumExtensions
{
    /// <summary>
    /// For each key, the sum of its values, each counted with its multiplicity (a value present three times adds
    /// three times; one with multiplicity −1 subtracts), as one <c>(key, sum)</c> record of multiplicity one — also
    /// when the sum is zero, for every key that has a value. The arithmetic is checked: a sum that overflows
    /// <typeparamref name="TVal"/> fails the dataflow with an error naming the operator.
    /// </summary>
    /// <param name="collection">The <c>(key, value)</c> records, with numeric values.</param>
    /// <param name="name">The operator's name in errors; by default <c>Sum#</c> and its index.</param>
    /// <example><c>var totals = orders.Map(o => (o.Customer, o.Amount)).Sum();   // (customer, total amount)</c></example>
    public static Collection<(TKey Key, TVal Sum), TTime, long> Sum<TKey, TVal, TTime>(this Collection<(TKey Key, TVal Value), TTime, long> collection, string? name = null)
        where TKey : notnull where TVal : INumberBase<TVal> where TTime : notnull =>
        collection.ArrangeByKey().ReduceNamed<TVal, long>("Sum", name, static (_, input, output) =>
        {
            var sum = TVal.Zero;
            foreach (var (value, count) in input)
                sum = checked(sum + (count == 1 ? value : value * TVal.CreateChecked(count)));
            output.Add((sum, 1L));
        });
}
