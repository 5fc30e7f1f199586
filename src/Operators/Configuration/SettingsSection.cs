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
            var closest = Spelling.Closest(relative, table.Select(row => row.Key));
            throw new ConfigurationException(closest is not null
                ? $"'{path}.{relative}' is not a setting: did you mean '{path}.{closest}'?"
                : $"'{path}.{relative}' is not a setting. The settings are: {string.Join(", ", table.Select(row => row.Key))}.");
        }
    }
}
