using AkkaDifferential.Operators.Runtime;

namespace AkkaDifferential;

/// <summary>
/// Records that stand for several records with differences of their own, as differential dataflow's <c>explode</c>:
/// a record <c>(word, 3)</c> can become the record <c>word</c> with multiplicity three, so that counting or summing
/// is done by the differences rather than by values.
/// </summary>
public static class ExplodeExtensions
{
    /// <summary>
    /// Replaces every record by the <c>(record, difference)</c> pairs <paramref name="explode"/> returns for it; each
    /// output difference is the pair's difference times the input record's. Pairs with a zero difference are dropped.
    /// Returning an array or a <see cref="List{T}"/> costs no enumerator.
    /// </summary>
    /// <param name="collection">The records to explode.</param>
    /// <param name="explode">The records each record becomes, with their differences.</param>
    /// <param name="name">The operator's name in errors; by default <c>Explode#</c> and its index.</param>
    /// <example><c>var words = counted.Explode(c => new[] { (c.Word, c.Count) });   // each word, c.Count times</c></example>
    public static Collection<TOut, TTime, TDiff> Explode<TData, TOut, TTime, TDiff>(
        this Collection<TData, TTime, TDiff> collection,
        Func<TData, IEnumerable<(TOut Data, TDiff Diff)>> explode,
        string? name = null)
        where TData : notnull where TOut : notnull where TTime : notnull =>
        collection.Unary<TOut, TDiff>("Explode", name, (batch, output) =>
        {
            var data = batch.Data;
            var times = batch.Times;
            var diffs = batch.Diffs;
            for (var i = 0; i < batch.Count; i++)
            {
                switch (explode(data[i]))
                {
                    case (TOut, TDiff)[] array:
                        foreach (var (record, diff) in array)
                            Give(output, record, times[i], diff, diffs[i]);
                        break;
                    case List<(TOut, TDiff)> list:
                        foreach (var (record, diff) in list)
                            Give(output, record, times[i], diff, diffs[i]);
                        break;
                    case null:
                        throw new InvalidOperationException($"The explode function returned null for record {data[i]}: return an empty sequence for none.");
                    case var records:
                        foreach (var (record, diff) in records)
                            Give(output, record, times[i], diff, diffs[i]);
                        break;
                }
            }
        });

    private static void Give<TOut, TTime, TDiff>(OutputPort<TOut, TTime, TDiff> output, TOut record, TTime time, TDiff diff, TDiff multiplicity)
        where TTime : notnull
    {
        if (!Difference.IsZero(diff))
            output.Give(record, time, Difference.Multiply(diff, multiplicity));
    }
}
