namespace AkkaDifferential.Operators.Configuration;

/// <summary>
/// Suggestions for misspelt names (settings, command-line options, commands): the known name closest to the one
/// given, by edits, when it is close enough to be what was meant.
/// </summary>
internal static class Spelling
{
    /// <summary>
    /// The known name closest to <paramref name="unknown"/>, when it is close: within a third of its length in
    /// edits (at least one), or one containing the other (<c>input-batch</c> for <c>input-batch-size</c>).
    /// </summary>
    public static string? Closest(string unknown, IEnumerable<string> known) =>
        known
            .Select(key => (Key: key, Distance: EditDistance(unknown, key)))
            .Where(c => c.Distance <= Math.Max(1, unknown.Length / 3)
                || (Math.Min(unknown.Length, c.Key.Length) >= 3 && (c.Key.Contains(unknown, StringComparison.Ordinal) || unknown.Contains(c.Key, StringComparison.Ordinal))))
            .OrderBy(c => c.Distance)
            .Select(c => c.Key)
            .FirstOrDefault();

    /// <summary>Edits (insertions, deletions, substitutions, swaps of neighbours) that turn <paramref name="a"/> into <paramref name="b"/>.</summary>
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
