namespace AkkaDifferential.Progress.Tests;

/// <summary>
/// Brute-force order computations, the models the frontier structures are checked against: quadratic, obviously
/// right, and independent of the code under test apart from <see cref="Lattice.LessEqual{T}"/>.
/// </summary>
internal static class NaiveOrder
{
    /// <summary>The distinct elements of <paramref name="times"/> that no other element is strictly less than.</summary>
    public static HashSet<T> Minimal<T>(IEnumerable<T> times)
    {
        var distinct = new HashSet<T>(times);
        var result = new HashSet<T>();
        foreach (var candidate in distinct)
        {
            var dominated = false;
            foreach (var other in distinct)
                if (!EqualityComparer<T>.Default.Equals(other, candidate) && Lattice.LessEqual(other, candidate))
                    dominated = true;
            if (!dominated)
                result.Add(candidate);
        }
        return result;
    }

    /// <summary>True when <paramref name="elements"/> holds exactly the members of <paramref name="expected"/>, each once.</summary>
    public static bool SameSet<T>(IReadOnlyCollection<T> elements, HashSet<T> expected) =>
        elements.Count == expected.Count && expected.SetEquals(elements);
}
