using System.Diagnostics;
using AkkaDifferential.Host.Cli;
using AkkaDifferential.Host.Cluster;
using AkkaDifferential.Host.Examples;
using AkkaDifferential.Operators.Configuration;

namespace AkkaDifferential.Host.Benchmarks;

/// <summary>
/// The <c>bench</c> command: runs a workload (or the <c>all</c> preset) on graphs drawn as upstream's examples draw
/// them, prints every figure beside its target, and optionally writes JSON and PNG plots.
/// </summary>
/// <remarks>
/// <c>bench all</c> runs each workload in a child process of its own (the same executable), so that one run's heap,
/// JIT state and peak working set do not leak into the next; <c>--in-process</c> runs them in this process instead.
/// </remarks>
internal static class BenchCommand
{
    /// <summary>Buckets (workers) when not told: the fastest on the two-core machine the figures were taken on.</summary>
    public const int DefaultBuckets = 1;

    /// <summary>The command's help text.</summary>
    public const string Help = """
          bench WORKLOAD [options]        the benchmark harness (see docs/benchmarks.md); WORKLOAD is
                                          hello, degrees, bfs, or all (the preset of docs/benchmarks.md)
              --nodes N                   nodes of the random graph (100000)
              --edges-count M             edges loaded at time 0 (5 x nodes)
              --batch B                   steps per round, each one insert and one remove (hello, degrees
                                          1000; bfs 1)
              --rounds R                  rounds measured, at least 1 (hello, degrees 20; bfs 200)
              --buckets W                 buckets (workers) (1)
              --linq-rounds K             rounds of the LINQ baseline, at most (50; it stops after 20 s)
              --verify                    also check the final answer against LINQ (slower)
              --flush-each-step           send every step on its own, not the round at its end
              --no-warmup                 measure from a cold start (by default the workload first
                                          runs on a small graph, so that the code is jitted and tiered up)
              --json FILE                 write the results as JSON
              --plots DIR                 write PNG plots (latency per round, throughput against B)
              --upstream DIR              also run upstream's program for the workload (DIR/dd-WORKLOAD or
                                          DIR/bin/dd-WORKLOAD, one worker, the same graph) in turn with ours,
                                          and print both figures and their ratio
              --cluster N                 also run on N cluster members this command starts on 127.0.0.1
                                          (processes of this host's 'node'; stopped at the end), in turn
                                          with the embedded run, and print both figures and their ratio
              --cluster H:P               the same on the running cluster whose member listens at H:P
              --cluster-buckets W         with --cluster: buckets of the cluster's dataflow (one per member)
              --pairs N                   with --upstream or --cluster: runs of each, in turn (3)
              --in-process                (all) run the workloads in this process, not one process each
        """;

    /// <summary>Runs the command with <paramref name="args"/> (after <c>bench</c>); the table goes to <paramref name="output"/>.</summary>
    /// <exception cref="CommandLineException">The workload or an option is unknown or malformed, or an output cannot be written.</exception>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, ProgressDisplay progress)
    {
        if (args.Count == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
            throw new CommandLineException($"bench needs a workload: {string.Join(", ", BenchConfig.Workloads)} or all");
        var workload = args[0];
        if (workload != "all" && !BenchConfig.Workloads.Contains(workload))
        {
            var closest = Spelling.Closest(workload, [.. BenchConfig.Workloads, "all"]);
            throw new CommandLineException($"unknown workload '{workload}': expected {string.Join(", ", BenchConfig.Workloads)} or all{(closest is null ? "" : $" (did you mean '{closest}'?)")}");
        }
        var line = new CommandLine([.. args.Skip(1)]);
        var started = DateTimeOffset.UtcNow;
        List<BenchResult> results;
        string? json, plots;
        if (workload == "all")
        {
            var buckets = line.Int("buckets", DefaultBuckets, minimum: 1);
            var verify = line.Flag("verify");
            var flushEachStep = line.Flag("flush-each-step");
            var warmup = !line.Flag("no-warmup");
            var inProcess = line.Flag("in-process");
            var (cluster, clusterBuckets) = Cluster(line);
            var (upstream, pairs) = Upstream(line, BenchConfig.Workloads);
            (json, plots) = Outputs(line);
            line.RejectUnknown();
            results = [];
            foreach (var config in BenchPresets.All(buckets, verify, flushEachStep, warmup)
                         .Select(c => c with { Upstream = upstream, Pairs = pairs, Cluster = cluster, ClusterBuckets = clusterBuckets }))
                results.Add(inProcess ? (await BenchRunner.RunAsync(config, progress)).Result : await RunChildAsync(config));
        }
        else
        {
            var config = Parse(workload, line);
            (json, plots) = Outputs(line);
            line.RejectUnknown();
            results = [(await BenchRunner.RunAsync(config, progress)).Result];
        }

        var report = new BenchReport(MachineInfo.Current(), started, results);
        ResultTable.Write(output, report);
        if (json is not null)
        {
            Write(json, () => report.Save(json));
            output.WriteLine($"JSON: {json}");
        }
        if (plots is not null)
        {
            IReadOnlyList<string> files = [];
            Write(plots, () => files = BenchPlots.Write(plots, results));
            foreach (var file in files)
                output.WriteLine($"Plot: {file}");
        }
        return results.Any(r => r.Verified == false) ? 1 : 0;
    }

    /// <summary>The run <paramref name="line"/> describes for <paramref name="workload"/>, with the defaults of the help text.</summary>
    /// <exception cref="CommandLineException">An option is malformed.</exception>
    public static BenchConfig Parse(string workload, CommandLine line)
    {
        BenchWorkload.Named(workload);
        var graph = workload == "bfs" ? (Batch: 1, Rounds: 200) : (Batch: 1_000, Rounds: 20);
        var nodes = line.Int("nodes", 100_000, minimum: 1);
        var (cluster, clusterBuckets) = Cluster(line);
        var (upstream, pairs) = Upstream(line, [workload]);
        var edges = line.Int("edges-count", GraphOptions.DefaultEdges(perNode: 5, nodes), minimum: 1);
        return new BenchConfig(workload, nodes, edges, line.Int("batch", graph.Batch, minimum: 1), line.Int("rounds", graph.Rounds, minimum: 1),
            line.Int("buckets", DefaultBuckets, minimum: 1), line.Int("linq-rounds", BenchConfig.DefaultLinqRounds, minimum: 0),
            BenchConfig.DefaultLinqBudgetSeconds, line.Flag("verify"), line.Flag("flush-each-step"), !line.Flag("no-warmup"), upstream, pairs, cluster, clusterBuckets);
    }

    /// <summary>
    /// The <c>--cluster N|H:P</c> and <c>--cluster-buckets W</c> options: a number of members to start (at least one)
    /// or a member's <c>host:port</c>, checked before the run; refused beside <c>--upstream</c>.
    /// </summary>
    private static (string? Cluster, int? Buckets) Cluster(CommandLine line)
    {
        line.Exclude("cluster", "a run is compared with upstream's or with the cluster's, not both", "upstream");
        var cluster = line.String("cluster", "a number of members to start, or a member's host:port");
        int? buckets = line.Has("cluster-buckets") ? line.Int("cluster-buckets", 0, minimum: 1) : null;
        if (cluster is null)
            return buckets is null ? (null, null) : throw new CommandLineException("--cluster-buckets needs --cluster: it sets the buckets of the cluster's dataflow");
        if (cluster.All(char.IsAsciiDigit))
            return int.TryParse(cluster, out var members) && members >= 1
                ? (cluster, buckets)
                : throw new CommandLineException($"--cluster must be a number of members ≥ 1 or a member's host:port, but is '{cluster}'");
        var colon = cluster.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(cluster[(colon + 1)..], out var port) || port is < 1 or > 65535)
            throw new CommandLineException($"--cluster must be a number of members ≥ 1 or a member's host:port (for example 127.0.0.1:4053), but is '{cluster}'");
        return (cluster, buckets);
    }

    /// <summary>
    /// The <c>--upstream DIR</c> and <c>--pairs N</c> options; refused before the run when DIR lacks upstream's
    /// program for one of <paramref name="workloads"/>.
    /// </summary>
    private static (string? Directory, int Pairs) Upstream(CommandLine line, IReadOnlyList<string> workloads)
    {
        var directory = line.String("upstream", "a directory of upstream's programs");
        var pairs = line.Int("pairs", BenchConfig.DefaultPairs, minimum: 1);
        if (directory is null)
            return (null, pairs);
        if (!Directory.Exists(directory))
            throw CommandLineException.InFile(directory, "is not a directory: --upstream needs the directory of upstream's programs (dd-hello, dd-degrees, dd-bfs)");
        foreach (var workload in workloads)
        {
            try
            {
                UpstreamProgram.Find(directory, workload);
            }
            catch (FileNotFoundException ex)
            {
                throw new CommandLineException($"--upstream: {ex.Message}");
            }
        }
        return (directory, pairs);
    }

    /// <summary>
    /// The <c>--json FILE</c> and <c>--plots DIR</c> options, refused before the run (which may take minutes) when
    /// the file is a directory or the directory a file.
    /// </summary>
    private static (string? Json, string? Plots) Outputs(CommandLine line)
    {
        var json = line.String("json", "a file to write");
        var plots = line.String("plots", "a directory to write into");
        if (json is not null && Directory.Exists(json))
            throw CommandLineException.InFile(json, "is a directory: --json needs a file to write");
        if (plots is not null && File.Exists(plots))
            throw CommandLineException.InFile(plots, "is a file: --plots needs a directory to write into");
        return (json, plots);
    }

    /// <summary>Runs <paramref name="write"/>, which writes to <paramref name="path"/>; a failure names the path.</summary>
    private static void Write(string path, Action write)
    {
        try
        {
            write();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw CommandLineException.InFile(path, $"cannot be written ({ex.Message})");
        }
    }

    /// <summary>Runs <paramref name="config"/> in a child process (this executable, <c>bench WORKLOAD … --json TEMP</c>) and reads its result.</summary>
    private static async Task<BenchResult> RunChildAsync(BenchConfig config)
    {
        var json = Path.Combine(Path.GetTempPath(), $"akka-differential-bench-{Guid.NewGuid():N}.json");
        List<string> args =
        [
            "bench", config.Workload, "--nodes", $"{config.Nodes}", "--edges-count", $"{config.Edges}", "--batch", $"{config.Batch}",
            "--rounds", $"{config.Rounds}", "--buckets", $"{config.Buckets}", "--linq-rounds", $"{config.LinqRounds}", "--json", json,
        ];
        if (config.Verify)
            args.Add("--verify");
        if (config.FlushEachStep)
            args.Add("--flush-each-step");
        if (!config.Warmup)
            args.Add("--no-warmup");
        if (config.Upstream is not null)
            args.AddRange(["--upstream", config.Upstream, "--pairs", $"{config.Pairs}"]);
        if (config.Cluster is not null)
            args.AddRange(["--cluster", config.Cluster, "--pairs", $"{config.Pairs}"]);
        if (config.ClusterBuckets is { } clusterBuckets)
            args.AddRange(["--cluster-buckets", $"{clusterBuckets}"]);
        var start = HostProcess.StartInfo(args, redirectError: false);
        try
        {
            using var child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
            // The child's table is not needed (its JSON is); its progress and errors go straight to our stderr.
            var table = child.StandardOutput.ReadToEndAsync();
            await child.WaitForExitAsync();
            if (child.ExitCode != 0 && !File.Exists(json))
                throw new InvalidOperationException($"The {config.Label} run failed with exit code {child.ExitCode}:{Environment.NewLine}{await table}");
            return BenchReport.Load(json).Results.Single();
        }
        finally
        {
            File.Delete(json);
        }
    }
}
