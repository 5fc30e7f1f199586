using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace AkkaDifferential.Host.Benchmarks;

/// <summary>What one run of upstream's program reported (its JSON line), in our units.</summary>
/// <param name="LoadSeconds">Its <c>load_ms</c>: from before building the dataflow until the probe passed time 0, generation included.</param>
/// <param name="RoundMedianMicros">Its <c>round_median_ms</c>.</param>
/// <param name="RoundP99Micros">Its <c>round_p99_ms</c>.</param>
/// <param name="StepsPerSecond">Its <c>steps_per_s</c>.</param>
/// <param name="PeakRssBytes">Its <c>peak_rss_kib</c>, in bytes.</param>
internal sealed record UpstreamFigures(double LoadSeconds, double RoundMedianMicros, double RoundP99Micros, double StepsPerSecond, long PeakRssBytes);

/// <summary>
/// Upstream differential dataflow's example program for a workload (<c>dd-hello</c>, <c>dd-degrees</c>,
/// <c>dd-bfs</c>, built from upstream's examples with timing added): found in a directory, run as a child process on
/// the same graph (our seed, <c>--seed 1,2,3,4</c>), one worker, and its JSON line read.
/// </summary>
internal static class UpstreamProgram
{
    /// <summary>Upstream's seed for every workload of ours.</summary>
    private const string Seed = "1,2,3,4";

    /// <summary>
    /// The program for <paramref name="workload"/> in <paramref name="directory"/> or its <c>bin</c> folder.
    /// </summary>
    /// <exception cref="FileNotFoundException">Neither holds <c>dd-WORKLOAD</c>.</exception>
    public static string Find(string directory, string workload)
    {
        var name = $"dd-{workload}";
        foreach (var candidate in new[] { Path.Combine(directory, name), Path.Combine(directory, "bin", name) })
            if (File.Exists(candidate))
                return Path.GetFullPath(candidate);
        throw new FileNotFoundException($"{directory} holds no upstream program {name} (nor does {Path.Combine(directory, "bin")})", name);
    }

    /// <summary>Runs upstream's program for <paramref name="config"/> (its workload, sizes, batch and rounds; one worker) and reads its figures.</summary>
    /// <exception cref="InvalidOperationException">The program failed or printed no figures.</exception>
    public static async Task<UpstreamFigures> RunAsync(string program, BenchConfig config)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { $"{config.Nodes}", $"{config.Edges}", $"{config.Batch}", $"{config.Rounds}", "--seed", Seed })
            start.ArgumentList.Add(arg);
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = child.StandardOutput.ReadToEndAsync();
        var errors = child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        var line = (await output).Split('\n').LastOrDefault(l => l.TrimStart().StartsWith('{'));
        if (child.ExitCode != 0 || line is null)
            throw new InvalidOperationException($"{program} {string.Join(' ', start.ArgumentList)} failed (exit code {child.ExitCode}): {await errors}");
        return Parse(line);
    }

    /// <summary>The figures of upstream's JSON line <paramref name="line"/>.</summary>
    /// <exception cref="InvalidDataException">A figure is missing.</exception>
    public static UpstreamFigures Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        double Figure(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : throw new InvalidDataException($"upstream's output has no figure '{name}': {line}");
        return new UpstreamFigures(Figure("load_ms") / 1e3, Figure("round_median_ms") * 1e3, Figure("round_p99_ms") * 1e3, Figure("steps_per_s"),
            (long)Figure("peak_rss_kib") * 1024);
    }

    /// <summary>The arguments upstream's program is run with, for the table.</summary>
    public static string Arguments(BenchConfig config) =>
        string.Create(CultureInfo.InvariantCulture, $"{config.Nodes} {config.Edges} {config.Batch} {config.Rounds} --seed {Seed}");
}
