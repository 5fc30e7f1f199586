using Akka.Configuration;

namespace AkkaDifferential.Journal.Tests;

/// <summary>
/// Bad settings are refused when the journal starts, naming the key and the problem, before anything is written; a
/// second deployment of a journaled name, and a deployment whose plan is not the one that wrote the journal, are
/// refused naming the dataflow.
/// </summary>
public sealed class JournalSettingsTests
{
    private static ConfigurationException Refused(string hocon) =>
        Assert.Throws<ConfigurationException>(() => DifferentialJournal.Create(hocon));

    [Fact]
    public void An_unknown_key_is_refused_with_the_closest_setting()
    {
        using var journal = new TempJournal();
        var error = Refused(journal.Hocon("akka-differential-journal.sqlite-pth = x.db"));
        Assert.Contains("'akka-differential-journal.sqlite-pth' is not a setting: did you mean 'akka-differential-journal.sqlite-path'?", error.Message);
    }

    [Fact]
    public void A_sqlite_file_in_a_missing_folder_is_refused_naming_the_folder()
    {
        using var journal = new TempJournal();
        var missing = Path.Combine(journal.Folder, "no-such-folder", "journal.db");
        var error = Refused($"akka-differential-journal.sqlite-path = {System.Text.Json.JsonSerializer.Serialize(missing)}");
        Assert.Contains($"'akka-differential-journal.sqlite-path' is '{missing}', whose folder '{Path.GetDirectoryName(missing)}' does not exist", error.Message);
    }

    [Fact]
    public void A_sqlite_file_that_cannot_be_written_is_refused_naming_it_and_why()
    {
        using var journal = new TempJournal();
        File.WriteAllText(journal.File, "not a database, but a text file that happens to sit where the journal should be");
        var error = Refused(journal.Hocon());
        Assert.Contains($"'akka-differential-journal.sqlite-path' is '{journal.File}', which cannot be written", error.Message);
        Assert.Contains("not a database", error.Message);
    }

    [Fact]
    public void A_connection_string_that_does_not_parse_is_refused_naming_the_key()
    {
        var error = Refused("akka-differential-journal.connection-string = \"Data Source=x.db;Colour=blue\"");
        Assert.Contains("'akka-differential-journal.connection-string' does not parse as a connection string", error.Message);
        Assert.Contains("colour", error.Message, StringComparison.OrdinalIgnoreCase);
        var other = Refused("akka-differential-journal { provider-name = PostgreSQL.15, connection-string = \"Host=localhost;=;\" }");
        Assert.Contains("'akka-differential-journal.connection-string' does not parse as a connection string", other.Message);
    }

    [Fact]
    public void A_provider_linq2db_does_not_know_and_a_bad_timeout_are_refused()
    {
        using var journal = new TempJournal();
        Assert.Contains("'akka-differential-journal.provider-name' is 'SQLite.M', which is not a linq2db provider name: did you mean 'SQLite.MS'?",
            Refused(journal.Hocon("akka-differential-journal.provider-name = SQLite.M")).Message);
        Assert.Contains("'akka-differential-journal.provider-name' is 'PostgreSQL.15', which needs 'akka-differential-journal.connection-string'",
            Refused(journal.Hocon("akka-differential-journal.provider-name = PostgreSQL.15")).Message);
        Assert.Contains("'akka-differential-journal.write-timeout' must be a positive duration",
            Refused(journal.Hocon("akka-differential-journal.write-timeout = 0s")).Message);
    }

    [Fact]
    public async Task A_second_deployment_of_a_journaled_name_is_refused_while_the_first_runs()
    {
        using var journal = new TempJournal();
        await using var engine = DifferentialJournal.Create(journal.Hocon());
        var definition = Workload.Register(engine);
        var first = await engine.DeployAsync(definition, 0, buckets: 1);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => engine.DeployAsync(definition, 0, buckets: 1));
        Assert.Contains($"Dataflow '{Workload.Name}' is already deployed with the journal on this engine", error.Message);
        await first.DisposeAsync();
        // Once it is disposed, the name is free again, and the new deployment has what the first accepted.
        await using var second = await engine.DeployAsync(definition, 0, buckets: 1);
        Assert.Equal(0, second.Handles.Left.Time);
    }

    [Fact]
    public async Task A_journal_written_by_another_plan_is_refused_naming_the_dataflow()
    {
        using var journal = new TempJournal();
        await using (var engine = DifferentialJournal.Create(journal.Hocon()))
        {
            await using var dataflow = await engine.DeployAsync(Workload.Register(engine), 0, buckets: 1);
            dataflow.Handles.Left.Insert(1);
            dataflow.Handles.Left.AdvanceTo(1);
        }
        await using var other = DifferentialJournal.Create(journal.Hocon());
        var definition = other.Register<long, int, InputSession<string, long, long>>(Workload.Name, static (scope, _) =>
        {
            var (input, words) = scope.NewCollection<string>("left");
            words.Probe();
            return input;
        });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => other.DeployAsync(definition, 0, buckets: 1));
        Assert.Contains($"The journal holds dataflow '{Workload.Name}' as written by another plan", error.Message);
    }
}
