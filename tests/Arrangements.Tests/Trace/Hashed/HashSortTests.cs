using AkkaDifferential.Arrangements.Data;
using AkkaDifferential.Arrangements.Trace;
using AkkaDifferential.Arrangements.Trace.Hashed;
using CsCheck;

namespace AkkaDifferential.Arrangements.Tests.Trace.Hashed;

/// <summary>
/// <see cref="HashSort"/> against the comparison sort in <see cref="HashedRowOrder{TKey, TVal, TTime, TDiff}"/>: the
/// same rows in an order the comparison sort agrees with, for int and string keys and keys whose hashes collide
/// (where runs of one hash must be sorted by key, value and time).
/// </summary>
public sealed class HashSortTests
{
    [Fact]
    public void Int_keys_sort_as_the_comparison_sort_does() => Rows(Gen.Int[-40, 40]).Sample(Check, iter: 300);

    [Fact]
    public void String_keys_sort_as_the_comparison_sort_does() => Rows(Gen.String[0, 3]).Sample(Check, iter: 300);

    [Fact]
    public void Colliding_keys_sort_as_the_comparison_sort_does() => Rows(Gen.Int[0, 30].Select(static v => new Colliding(v))).Sample(Check, iter: 300);

    // Few distinct values and times make runs of rows of one key that the comparison sort finishes; string values make
    // rows hold references.
    private static Gen<(TKey Key, string Val, long Time, long Diff)[]> Rows<TKey>(Gen<TKey> keys) =>
        Gen.Select(keys, Gen.Int[0, 2].Select(i => "abc"[i].ToString()), Gen.Long[0, 3], Gen.Long[-2, 2]).Array[0, 500];

    private static void Check<TKey>((TKey Key, string Val, long Time, long Diff)[] input)
    {
        var rows = input.Select(r => new TraceRow<TKey, string, long, long>(r.Key, r.Val, r.Time, r.Diff)).ToArray();
        var expected = rows.ToArray();
        var order = new HashedRowOrder<TKey, string, long, long>();
        SpanSort.Sort(expected.AsSpan(), order);
        HashSort.Sort(rows.AsSpan());
        for (var i = 0; i < rows.Length; i++)
            Assert.True(order.Compare(expected[i], rows[i]) == 0, $"row {i} of {rows.Length}: expected key {expected[i].Key}, got {rows[i].Key}");
        Assert.Equal(Canonical(input), Canonical(rows.Select(r => (r.Key, r.Val, r.Time, r.Diff))));
    }

    private static List<string> Canonical<TKey>(IEnumerable<(TKey Key, string Val, long Time, long Diff)> rows) =>
        rows.Select(r => $"{r.Key}|{r.Val}|{r.Time}|{r.Diff}").Order(StringComparer.Ordinal).ToList();
}
