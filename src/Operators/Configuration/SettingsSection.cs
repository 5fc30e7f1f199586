using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace AkkaDifferential.Operators.Configuration;

/// <summary>
/// Reads a section of a parsed configuration against a table of <see cref="Setting"/>s: the section must be an
/// object, every key in it must be a row of the table (an unknown key is refused, with the closest known key
/// when one is close, since a misspelt key would otherwise leave its default in force unnoticed), every row's key
/// must be present, and every value must be what its row expects.
/// </summary>
internal static class SettingsSection
{
    /// <summary>Reads <paramref name="section"/> of <paramref name="config"/> into <paramref name="seed"/>, one row at a time.</summary>
    /// <exception cref="ConfigurationException">The section is missing or not an object, a key is unknown or missing, or a value is malformed.</exception>
    public static DataflowSettings Read(Config config, string section, IReadOnlyList<Setting> table, DataflowSettings seed)
    {
        var value = (config.Root is null ? null : config.GetValue(section))
            ?? throw new ConfigurationException($"Configuration has no '{section}' section.");
        if (!value.IsObject())
            throw new ConfigurationException($"'{section}' must be an object of settings ({section} {{ … }}), but is {HoconValues.Describe(value)}.");
        RefuseUnknownKeys(value.GetObject(), section, "", table);
        var settings = seed;
        foreach (var row in table)
        {
            var path = $"{section}.{row.Key}";
            var setting = config.GetValue(path) ?? throw new ConfigurationException($"'{path}' is missing.");
            settings = row.Read(settings, setting, path);
        }
        return settings;
    }

    private static void RefuseUnknownKeys(HoconObject section, string path, string prefix, IReadOnlyList<Setting> table)
    {
        foreach (var (key, value) in section.Items)
        {
            var relative = prefix + key;
            if (table.Any(row => row.Key == relative))
                continue;
            if (table.Any(row => row.Key.StartsWith(relative + ".", StringComparison.Ordinal)))
            {
                if (!value.IsObject())
                    throw new ConfigurationException($"'{path}.{relative}' must be an object of settings, but is {HoconValues.Describe(value)}.");
                RefuseUnknownKeys(value.GetObject(), path, relative + ".", table);
                continue;
            }
            var closest = Closest(relative, table.Select(row => row.Key));
            throw new ConfigurationException(closest is not null
                ? $"'{path}.{relative}' is not a setting: did you mean '{path}.{closest}'?"
                : $"'{path}.{relative}' is not a setting. The settings are: {string.Join(", ", table.Select(row => row.Key))}.");
        }
    }

    /// <summary>
    /// The known key closest to <paramref name="unknown"/>, when it is close: within a third of its length in
    /// edits (at least one), or one containing the other (<c>input-batch</c> for <c>input-batch-size</c>).
    /// </summary>
    private static string? Closest(string unknown, IEnumerable<string> known) =>
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
