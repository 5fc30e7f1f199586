using System.Diagnostics;

namespace AkkaDifferential.Journal.Tests;

/// <summary>
/// The journal's promise where it matters: a driver process (tests/Journal.Driver) feeding the workload with the
/// journal on is killed with SIGKILL after a round it reported accepted, then started again on the same SQLite file.
/// It resumes no earlier than the round after the last one it reported, and its final output equals LINQ over every
/// round's updates: no accepted update is missing, and none was applied twice.
/// </summary>
public sealed class DriverRestartTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private const int Seed = 11;
    private const long Rounds = 40;
    private const int Size = 400;

    [Theory]
    [InlineData(3)]
    [InlineData(17)]
    public async Task A_driver_killed_between_rounds_and_restarted_resumes_with_every_accepted_update(int killAfter)
    {
        using var journal = new TempJournal();
        await using (var first = Driver.Start(journal.File))
        {
            var line = await first.ReadUntil(l => l == $"accepted {killAfter}", Timeout);
            first.Kill();
            Assert.NotNull(line);
        }
        await using var second = Driver.Start(journal.File);
        var resumed = await second.ReadUntil(l => l.StartsWith("resumed ", StringComparison.Ordinal), Timeout);
        var times = resumed!.Split(' ').Skip(1).Select(long.Parse).ToArray();
        Assert.All(times, t => Assert.True(t > killAfter, $"The driver resumed at {resumed} after round {killAfter} had been accepted."));
        var output = new Dictionary<(int Key, long Count), long>();
        await second.ReadUntil(l =>
        {
            if (l.StartsWith("count ", StringComparison.Ordinal))
            {
                var parts = l.Split(' ');
                output[(int.Parse(parts[1]), long.Parse(parts[2]))] = long.Parse(parts[3]);
            }
            return l == "done";
        }, Timeout);
        Assert.Equal(0, await second.Exit(Timeout));
        Assert.Equal(Workload.Expected(Seed, Rounds - 1, Size), output);
    }

    /// <summary>A running driver process, its output read line by line.</summary>
    private sealed class Driver : IAsyncDisposable
    {
        private readonly Process process;
        private readonly List<string> seen = [];

        private Driver(Process process) => this.process = process;

        public static Driver Start(string file)
        {
            var folder = AppContext.BaseDirectory.Replace("Journal.Tests", "Journal.Driver", StringComparison.Ordinal);
            var dll = Path.Combine(folder, "AkkaDifferential.Journal.Driver.dll");
            Assert.True(File.Exists(dll), $"The driver {dll} is not built.");
            var dotnet = Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
            var info = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { dll, file, Seed.ToString(), Rounds.ToString(), Size.ToString() })
                info.ArgumentList.Add(arg);
            return new Driver(Process.Start(info)!);
        }

        /// <summary>Reads lines until one satisfies <paramref name="stop"/> and returns it; fails with what it printed when the process ends first.</summary>
        public async Task<string?> ReadUntil(Func<string, bool> stop, TimeSpan timeout)
        {
            using var cancel = new CancellationTokenSource(timeout);
            while (await process.StandardOutput.ReadLineAsync(cancel.Token) is { } line)
            {
                seen.Add(line);
                if (stop(line))
                    return line;
            }
            var error = await process.StandardError.ReadToEndAsync(cancel.Token);
            Assert.Fail($"The driver ended before the expected line; it printed:\n{string.Join('\n', seen.TakeLast(20))}\n{error}");
            return null;
        }

        /// <summary>SIGKILL, as a crash: nothing of the process runs after it.</summary>
        public void Kill() => process.Kill();

        public async Task<int> Exit(TimeSpan timeout)
        {
            using var cancel = new CancellationTokenSource(timeout);
            await process.WaitForExitAsync(cancel.Token);
            return process.ExitCode;
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
    }
}
