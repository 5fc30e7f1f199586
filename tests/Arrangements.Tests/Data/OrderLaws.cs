using CsCheck;

namespace AkkaDifferential.Arrangements.Tests.Data;

/// <summary>
/// Checks that a comparison is a total order consistent with equality, on generated lists of values: every pair
/// is antisymmetric and compares zero exactly when equal, and a sorted list is ordered pairwise (which fails when
/// the order is not transitive).
/// </summary>
internal static class OrderLaws
{
    public static void Hold<T>(Gen<T> values, Func<T, T, bool> equal, Func<T, T, int>? compare = null)
    {
        compare ??= DataOrder<T>.Compare;
        var comparer = Comparer<T>.Create((a, b) => compare(a, b));
        values.Array[0, 12].Sample(items =>
        {
            foreach (var a in items)
            {
                Assert.Equal(0, compare(a, a));
                foreach (var b in items)
                {
                    var ab = Math.Sign(compare(a, b));
                    Assert.Equal(ab, -Math.Sign(compare(b, a)));
                    Assert.Equal(equal(a, b), ab == 0);
                }
            }
            var sorted = (T[])items.Clone();
            Array.Sort(sorted, comparer);
            for (var i = 0; i < sorted.Length; i++)
                for (var j = i + 1; j < sorted.Length; j++)
                    Assert.True(compare(sorted[i], sorted[j]) <= 0);
        }, iter: 300);
    }
}
