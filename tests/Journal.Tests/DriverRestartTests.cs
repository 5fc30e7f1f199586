using System.Diagnostics;

namespace AkkaDifferential.Journal.Tests;

/// <summary>
/// The journal's promise where it matters: a driver process (tests/Journal.Driver) feeding the workload with the
/// journal on, and reading a resumable change stream of its output that acknowledges what it has printed (two
/// elements behind), is killed with SIGKILL after a round it reported accepted, then started again on the same
/// SQLite file. Its sessions resume no earlier than the round after the last one reported, its change stream resumes
/// after a time no earlier than the last one reported acknowledged, and: the final output equals LINQ over every
/// round's updates (no accepted update is missing, none was applied twice); what the subscriber had printed up to
/// that time, followed by what the restarted stream gives, accumulates at every time to LINQ's counts at that time
/// (no change missing or repeated).
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
    public async Task A_driver_killed_between_rounds_and_restarted_resumes_with_every_accepted_update_and_its_subscriber_where_it_acknowledged(int killAfter)
    {
        using var journal = new TempJournal();
        var first = new List<string>();
        await using (var driver = Driver.Start(journal.File))
        {
            var accepted = false;
            var acknowledged = false;
            await driver.ReadUntil(line =>
            {
                accepted |= line == $"accepted {killAfter}";
                acknowledged |= line.StartsWith("acknowledged ", StringComparison.Ordinal);
                return accepted && acknowledged;
            }, Timeout);
            driver.Kill();
            await driver.ReadToEnd(Timeout);
            first.AddRange(driver.Lines);
            Assert.Equal(137, await driver.Exit(Timeout));
        }
        var printed = Elements(first);
        var lastAcknowledged = first.Where(l => l.StartsWith("acknowledged ", StringComparison.Ordinal)).Select(l => long.Parse(l.Split(' ')[1])).Max();

        await using var second = Driver.Start(journal.File);
        var resumed = await second.ReadUntil(l => l.StartsWith("resumed ", StringComparison.Ordinal), Timeout);
        var times = resumed!.Split(' ').Skip(1).Select(long.Parse).ToArray();
        Assert.All(times, t => Assert.True(t > killAfter, $"The driver resumed at {resumed} after round {killAfter} had been accepted."));
        var resumedChanges = await second.ReadUntil(l => l.StartsWith("resumed-changes ", StringComparison.Ordinal), Timeout);
        var after = long.Parse(resumedChanges!.Split(' ')[1]);
        Assert.True(after >= lastAcknowledged, $"The change stream resumed after {after}, before {lastAcknowledged}, which it had acknowledged.");
        Assert.True(printed.Any(e => e.Time == after), $"The change stream resumed after {after}, which the subscriber had not printed.");

        var rest = await second.ReadToEnd(Timeout);
        Assert.True(rest.LastOrDefault() == "done", $"The restarted driver did not finish; it printed:\n{string.Join('\n', rest.TakeLast(20))}\n{second.Errors}");
        Assert.Equal(0, await second.Exit(Timeout));
        var output = rest.Where(l => l.StartsWith("count ", StringComparison.Ordinal)).Select(l => l.Split(' '))
            .ToDictionary(p => (int.Parse(p[1]), long.Parse(p[2])), p => long.Parse(p[3]));
        Assert.Equal(Workload.Expected(Seed, Rounds - 1, Size), output);

        // The subscriber's view: what it printed up to the time the stream resumed after, then the restarted stream.
        var resumedElements = Elements(rest);
        Assert.All(resumedElements, e => Assert.True(e.Time > after, $"The restarted change stream gave time {e.Time}, at or before {after}, which it resumed after."));
        var view = new Dictionary<(int Key, long Count), long>();
        foreach (var (time, changes) in printed.Where(e => e.Time <= after).Concat(resumedElements))
        {
            foreach (var (record, diff) in changes)
                if ((view[record] = view.GetValueOrDefault(record) + diff) == 0)
                    view.Remove(record);
            Assert.Equal(Workload.Expected(Seed, time, Size), view);
        }
        Assert.Equal(Rounds - 1, resumedElements[^1].Time);
    }

    /// <summary>The change stream's elements among the lines a driver printed, in order.</summary>
    private static List<(long Time, List<((int Key, long Count) Record, long Diff)> Changes)> Elements(IEnumerable<string> lines) =>
        [.. lines.Where(l => l.StartsWith("changes ", StringComparison.Ordinal)).Select(l =>
        {
            var parts = l.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var changes = parts.Skip(2).Select(p => p.Split('/')).Select(c => ((int.Parse(c[0]), long.Parse(c[1])), long.Parse(c[2]))).ToList();
            return (long.Parse(parts[1]), changes);
        })];

    /// <summary>A running driver process, its output read line by line.</summary>
    private sealed class Driver : IAsyncDisposable
    {
        private readonly Process process;
        private readonly List<string> seen = [];
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> errors = new();

        private Driver(Process process)
        {
            this.process = process;
            // Read standard error as it comes, so that a chatty driver never blocks on a full pipe; kept for failures.
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is { } line)
                    errors.Enqueue(line);
            };
            process.BeginErrorReadLine();
        }

        /// <summary>Every line the process printed on standard output and was read.</summary>
        public IReadOnlyList<string> Lines => seen;

        /// <summary>What the process printed on standard error so far.</summary>
        public string Errors => string.Join('\n', errors.TakeLast(40));

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
            Assert.Fail($"The driver ended (exit code {(process.WaitForExit(1000) ? process.ExitCode : -1)}) before the expected line; it printed:\n{string.Join('\n', seen.TakeLast(20))}\n{Errors}");
            return null;
        }

        /// <summary>The lines the process prints from now until its output ends (it exits).</summary>
        public async Task<List<string>> ReadToEnd(TimeSpan timeout)
        {
            using var cancel = new CancellationTokenSource(timeout);
            var lines = new List<string>();
            while (await process.StandardOutput.ReadLineAsync(cancel.Token) is { } line)
                lines.Add(line);
            seen.AddRange(lines);
            return lines;
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
