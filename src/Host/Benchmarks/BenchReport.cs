using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AkkaDifferential.Host.Benchmarks;

/// <summary>The JSON document of a <c>bench</c> command: where it ran, and every run's result.</summary>
/// <param name="Machine">The machine and runtime.</param>
/// <param name="Started">When the command started (UTC).</param>
/// <param name="Results">One result per run.</param>
internal sealed record BenchReport(MachineInfo Machine, DateTimeOffset Started, IReadOnlyList<BenchResult> Results)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes the report to <paramref name="path"/>, creating its directory.</summary>
    public void Save(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Options));
    }

    /// <summary>Reads a report written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The file does not hold a report.</exception>
    public static BenchReport Load(string path) =>
        JsonSerializer.Deserialize<BenchReport>(File.ReadAllText(path), Options) ?? throw new InvalidDataException($"{path} holds no benchmark report.");
}

/// <summary>Where a benchmark ran.</summary>
/// <param name="Os">The operating system.</param>
/// <param name="Cpus">Logical processors available to the process.</param>
/// <param name="Runtime">The .NET runtime.</param>
/// <param name="ServerGc">Whether the server garbage collector was on.</param>
/// <param name="TotalMemoryBytes">Memory available to the process, as the GC sees it.</param>
internal sealed record MachineInfo(string Os, int Cpus, string Runtime, bool ServerGc, long TotalMemoryBytes)
{
    /// <summary>This machine.</summary>
    public static MachineInfo Current() => new(RuntimeInformation.OSDescription, Environment.ProcessorCount, RuntimeInformation.FrameworkDescription,
        System.Runtime.GCSettings.IsServerGC, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

    /// <inheritdoc/>
    public override string ToString() => $"{Os}, {Cpus} CPUs, {Format.Bytes(TotalMemoryBytes)} memory, {Runtime}, {(ServerGc ? "server" : "workstation")} GC";
}
