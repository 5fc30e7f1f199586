namespace AkkaDifferential.Journal.Tests;

/// <summary>A temporary folder with the path of a journal's SQLite file in it; deleted when disposed.</summary>
public sealed class TempJournal : IDisposable
{
    /// <summary>A new empty folder.</summary>
    public TempJournal() => Directory.CreateDirectory(Folder);

    /// <summary>The folder.</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"akka-differential-journal-{Guid.NewGuid():N}");

    /// <summary>The journal's SQLite file in the folder.</summary>
    public string File => Path.Combine(Folder, "journal.db");

    /// <summary>The HOCON that puts the journal in <see cref="File"/>, and <paramref name="more"/>.</summary>
    public string Hocon(string more = "") => $"akka-differential-journal.sqlite-path = {System.Text.Json.JsonSerializer.Serialize(File)}\n{more}";

    /// <inheritdoc/>
    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
