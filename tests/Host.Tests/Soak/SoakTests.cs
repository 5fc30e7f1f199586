using System.Diagnostics;
using System.Text.Json;

namespace AkkaDifferential.Host.Tests.Soak;

/// <summary>
/// Long runs of a sliding window (<c>soak</c>, in a process of its own so that no other test's allocations are
/// measured): every round inserts new edges and removes the oldest, and the arrangements' sizes and the managed
/// heap in the later half of the run stay within a bound of those in the earlier half, as measured. Without
/// compaction the traces would grow with the history (twice as large at the end as at the middle).
/// </summary>
public sealed class SoakTests
{
    private const double Flat = 1.5;

    // bfs's window is ten times degrees': at 2,000 edges its heap was 1-4 MB, and the buffers its operators keep
    // between rounds (each bounded) moved it by up to 2.1x between halves on main as well, over no growth of the
    // traces; at 20,000 edges the same runs moved it by 1.02-1.09x.
    [Theory]
    [InlineData("degrees", 400, 40, 2000, 50)]
    [InlineData("bfs", 200, 20, 20000, 500)]
    public async Task Arrangement_sizes_and_the_heap_stay_flat_over_a_sliding_window(string example, int rounds, int every, int window, int edgesPerRound)
    {
        var report = await Soak("--example", example, "--rounds", $"{rounds}", "--sample-every", $"{every}", "--window", $"{window}", "--edges-per-round", $"{edgesPerRound}", "--json");
        var samples = report.GetProperty("samples").EnumerateArray().ToList();
        Assert.Equal(rounds / every, samples.Count);
        Assert.All(samples, s => Assert.True(s.GetProperty("TraceUpdates").GetInt64() > 0));
        var (heap, trace) = (report.GetProperty("heap_growth").GetDouble(), report.GetProperty("trace_growth").GetDouble());
        Assert.True(trace <= Flat, $"{example}: trace updates grew {trace:F2}x from the earlier half of the run to the later: {report}");
        Assert.True(heap <= Flat, $"{example}: the heap grew {heap:F2}x from the earlier half of the run to the later: {report}");
    }

    private static async Task<JsonElement> Soak(params string[] args)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "AkkaDifferential.Host.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", host, "soak", .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(process.ExitCode == 0, $"soak exited with {process.ExitCode}: {await error}");
        return JsonDocument.Parse((await output).Trim().Split('\n')[^1]).RootElement;
    }
}
