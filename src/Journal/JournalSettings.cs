using System.Data.Common;
using Akka.Configuration;
using Akka.Configuration.Hocon;
using AkkaDifferential.Operators.Configuration;
using Microsoft.Data.Sqlite;

namespace AkkaDifferential.Journal;

/// <summary>
/// The journal's settings, read once from the <c>akka-differential-journal</c> section (defaults in
/// <c>config/journal.conf</c>) and checked before anything is written: an unknown key, a value of the wrong kind, a
/// provider linq2db does not know, a connection string that does not parse, and a SQLite file that cannot be created
/// or written fail with a <see cref="ConfigurationException"/> naming the key and the problem.
/// </summary>
/// <param name="ConnectionString">The ADO.NET connection string of the database.</param>
/// <param name="ProviderName">Its linq2db provider name.</param>
/// <param name="WriteTimeout">How long a session's call waits for its entry to be written.</param>
internal sealed record JournalSettings(string ConnectionString, string ProviderName, TimeSpan WriteTimeout)
{
    /// <summary>The HOCON path of the settings.</summary>
    public const string Section = "akka-differential-journal";

    private static readonly string[] Keys = ["sqlite-path", "connection-string", "provider-name", "write-timeout"];

    /// <summary>The defaults, from the embedded <c>journal.conf</c>.</summary>
    public static Config Defaults { get; } = Load();

    /// <summary>Reads and checks the section of <paramref name="config"/> (with the defaults as fallback).</summary>
    /// <exception cref="ConfigurationException">A key is unknown, a value malformed, or the database cannot be used (the message names the key).</exception>
    public static JournalSettings FromConfig(Config config)
    {
        config = config.WithFallback(Defaults);
        var section = config.GetValue(Section);
        if (!section.IsObject())
            throw new ConfigurationException($"'{Section}' must be an object of settings ({Section} {{ … }}), but is {HoconValues.Describe(section)}.");
        foreach (var key in section.GetObject().Items.Keys)
            if (!Keys.Contains(key))
                throw new ConfigurationException(Spelling.Closest(key, Keys) is { } closest
                    ? $"'{Section}.{key}' is not a setting: did you mean '{Section}.{closest}'?"
                    : $"'{Section}.{key}' is not a setting. The settings are: {string.Join(", ", Keys)}.");
        var provider = Text(config, "provider-name");
        var known = typeof(LinqToDB.ProviderName).GetFields().Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToArray();
        if (!known.Contains(provider))
            throw new ConfigurationException($"'{Section}.provider-name' is '{provider}', which is not a linq2db provider name" +
                (Spelling.Closest(provider, known) is { } near ? $": did you mean '{near}'?" : " (see LinqToDB.ProviderName; SQLite.MS for the SQLite file)."));
        var timeout = config.GetTimeSpan($"{Section}.write-timeout", null, allowInfinite: false);
        if (timeout <= TimeSpan.Zero)
            throw new ConfigurationException($"'{Section}.write-timeout' must be a positive duration (10s, 500ms), but is {timeout}.");
        var connection = Text(config, "connection-string");
        var sqlite = provider.StartsWith("SQLite", StringComparison.Ordinal);
        if (connection.Length > 0)
            return new JournalSettings(Parsed(connection, sqlite), provider, timeout);
        if (!sqlite)
            throw new ConfigurationException($"'{Section}.provider-name' is '{provider}', which needs '{Section}.connection-string': the SQLite file ('{Section}.sqlite-path') takes SQLite.MS.");
        return new JournalSettings(SqliteFile(Text(config, "sqlite-path")), provider, timeout);
    }

    private static string Text(Config config, string key)
    {
        var value = config.GetValue($"{Section}.{key}");
        if (value is null || !value.IsString())
            throw new ConfigurationException($"'{Section}.{key}' must be a string, but is {(value is null ? "missing" : HoconValues.Describe(value))}.");
        return value.GetString();
    }

    private static string Parsed(string connection, bool sqlite)
    {
        try
        {
            _ = sqlite ? new SqliteConnectionStringBuilder(connection) : new DbConnectionStringBuilder { ConnectionString = connection };
            return connection;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ConfigurationException($"'{Section}.connection-string' does not parse as a connection string: {ex.Message}", ex);
        }
    }

    /// <summary>The connection string of the SQLite file at <paramref name="path"/>, once a write to it has succeeded.</summary>
    private static string SqliteFile(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new ConfigurationException($"'{Section}.sqlite-path' is empty: name the journal's SQLite file, or set '{Section}.connection-string'.");
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
            throw new ConfigurationException($"'{Section}.sqlite-path' is '{full}', whose folder '{folder}' does not exist.");
        // Pooled connections: Akka.Persistence.Sql opens one per write, which would otherwise open the file each time.
        var connection = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate }.ToString();
        try
        {
            using var probe = new SqliteConnection(connection);
            probe.Open();
            using var write = probe.CreateCommand();
            // Write-ahead logging (kept in the file): a commit appends to the log, still synced before it returns
            // (synchronous = FULL, SQLite's default), instead of rewriting pages through a rollback journal.
            write.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS akka_differential_journal_check (x INTEGER); DROP TABLE akka_differential_journal_check;";
            write.ExecuteNonQuery();
        }
        catch (SqliteException ex)
        {
            throw new ConfigurationException($"'{Section}.sqlite-path' is '{full}', which cannot be written: {ex.Message}", ex);
        }
        return connection;
    }

    private static Config Load()
    {
        using var stream = typeof(JournalSettings).Assembly.GetManifestResourceStream("journal.conf")
            ?? throw new InvalidOperationException("The embedded resource journal.conf is missing from AkkaDifferential.Journal.");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
