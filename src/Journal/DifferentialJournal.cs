using Akka.Configuration;
using Akka.Persistence.Sql;
using AkkaDifferential.Journal;
using AkkaDifferential.Operators.Configuration;

namespace AkkaDifferential;

/// <summary>
/// The driver's journal (docs/journal.md): an engine whose dataflows deployed by name
/// journal what their input sessions accept to a database through Akka.Persistence (Akka.Persistence.Sql; a SQLite
/// file by default, PostgreSQL or SQL Server by connection string), each send before the call returns, so that a
/// driver that restarts, registers the same definitions and deploys the dataflow by the same name gets its sessions
/// back as they were — the updates they had accepted, at the time they had reached — and the dataflow's output is
/// exact again from the journal's compaction frontier on.
/// </summary>
/// <example>
/// <code>
/// await using var engine = DifferentialJournal.Create("akka-differential-journal.sqlite-path = counts.db");
/// var counts = engine.Register("counts", (Scope&lt;long&gt; scope, int _) => { … });
/// var dataflow = await engine.DeployAsync(counts, 0);
/// var (input, capture) = dataflow.Handles;
/// // input.Time is where the session had advanced to before a restart; go on from there.
/// </code>
/// </example>
public static class DifferentialJournal
{
    /// <summary>The HOCON path of the journal's settings (defaults in <c>config/journal.conf</c>).</summary>
    public const string Section = JournalSettings.Section;

    /// <summary>
    /// Starts an embedded engine with the journal on. <paramref name="hocon"/> overrides the defaults of
    /// <c>config/akka-differential.conf</c> and <c>config/journal.conf</c>; the journal's settings are checked, and its
    /// database opened and written once, before the engine starts.
    /// </summary>
    /// <exception cref="ConfigurationException">
    /// The HOCON is malformed; a key under <c>akka-differential-journal</c> is not a setting or has a malformed value; the
    /// connection string does not parse; the SQLite file's folder is missing or the file cannot be written. The message
    /// names the key and the problem.
    /// </exception>
    public static DifferentialEngine Create(string? hocon = null)
    {
        var config = string.IsNullOrWhiteSpace(hocon) ? Config.Empty : HoconSyntax.Parse(hocon, DataflowSettings.ExpectedAt);
        var settings = JournalSettings.FromConfig(config);
        var engine = DifferentialEngine.CreateOwning(config.WithFallback(Persistence(settings)).WithFallback(DefaultConfig.Load()));
        engine.Journal = new SqlInputJournal(engine.System, settings);
        return engine;
    }

    /// <summary>Akka.Persistence's journal and snapshot store, both Akka.Persistence.Sql's on the journal's database.</summary>
    private static Config Persistence(JournalSettings settings)
    {
        var connection = System.Text.Json.JsonSerializer.Serialize(settings.ConnectionString);
        var provider = System.Text.Json.JsonSerializer.Serialize(settings.ProviderName);
        var plugin = $"connection-string = {connection}, provider-name = {provider}, auto-initialize = true";
        return ConfigurationFactory.ParseString($$"""
            akka.persistence {
              journal { plugin = "akka.persistence.journal.sql", sql { {{plugin}} } }
              snapshot-store { plugin = "akka.persistence.snapshot-store.sql", sql { {{plugin}} } }
            }
            """).WithFallback(SqlPersistence.DefaultConfiguration);
    }
}
