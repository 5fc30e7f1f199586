using System.Diagnostics;

namespace AkkaDifferential.Host.Benchmarks;

/// <summary>
/// Runs one benchmark the way upstream's examples do, then the same rounds by LINQ recomputation.
/// </summary>
/// <remarks>
/// <para>The dataflow: M edges from <see cref="EdgeGenerator"/> (seeded as upstream) are loaded at time 0; the load
/// ends when the probe passes time 0. Round r then has B steps; step e is at time <c>1 + r·B + e</c>: the input
/// advances to it and one new edge (continuing the same generator) is inserted and one old edge removed (a second
/// generator with the same seed, so the i-th removal is the i-th loaded edge). As upstream's <c>advance_to</c>, a
/// step's advance sends nothing (unless <see cref="BenchConfig.FlushEachStep"/>); after the last step the input
/// advances to the next time and sends the round, and the round ends when the probe has passed its last time.</para>
/// <para>The baseline: the live edges in an array used as a ring (step k replaces slot k mod M, which holds exactly
/// the edge the k-th removal deletes), and after every round the answer recomputed from the whole array with LINQ,
/// as a .NET program without an incremental engine would.</para>
/// <para>Warm-up (<see cref="BenchConfig.Warmup"/>): the same workload first runs on a small graph in the same
/// process, so that what is measured is jitted, tiered-up code, not the first minutes of a fresh process. Tiered
/// compilation promotes hot methods on a background thread well after they got hot, so the run then waits until the
/// JIT has been idle for a moment (<see cref="JitSettling"/>), and again after the load, outside the load's and the
/// rounds' clocks: otherwise the first measured rounds run at the earlier tiers while those compilations share the
/// cores with them. A method climbs one tier per pass that calls it after the JIT went quiet, so the warm-up runs
/// <see cref="JitSettling.WarmupPasses"/> times, each pass followed by that wait.</para>
/// <para>Memory: the peak working set is reset where the system allows (<see cref="PeakResidentSet"/>) after the full
/// collection that starts a run and read when the dataflow is done, before the baseline runs (so it is that run's
/// peak of the engine, plus the runtime and what the process kept from earlier runs); heap figures are
/// <see cref="GC.GetTotalMemory(bool)"/> after a full collection.</para>
/// </remarks>
internal static class BenchRunner
{
    /// <summary>Runs <paramref name="config"/>, reporting progress to <paramref name="progress"/>.</summary>
    /// <exception cref="Cli.CommandLineException">With <see cref="BenchConfig.Cluster"/>: the cluster cannot be started or joined.</exception>
    public static async Task<BenchOutcome> RunAsync(BenchConfig config, ProgressDisplay progress)
    {
        var workload = BenchWorkload.Named(config.Workload);
        return config.Cluster is null
            ? await RunAsync(workload, config, progress, cluster: null)
            : await BenchCluster.RunAsync(config, progress, cluster => RunAsync(workload, config, progress, cluster));
    }

    private static async Task<BenchOutcome> RunAsync(BenchWorkload workload, BenchConfig config, ProgressDisplay progress, BenchCluster? cluster)
    {
        if (config.Warmup)
        {
            var warmup = BenchConfig.WarmupOf(config);
            progress.Line($"{config.Label}: warming up on {warmup.Label}, {warmup.Rounds:N0} rounds{(cluster is null ? "" : ", embedded and on the cluster")}");
            var clock = Stopwatch.StartNew();
            for (var pass = 1; pass <= JitSettling.WarmupPasses; pass++)
            {
                await RunDataflowAsync(workload, warmup, ProgressDisplay.Silent, BenchDeployment.Embedded);
                if (cluster is not null)
                    await RunDataflowAsync(workload, warmup, ProgressDisplay.Silent, cluster.Target);
                RunLinq(workload, warmup, ProgressDisplay.Silent);
                var (waited, compiled) = await JitSettling.WaitAsync();
                progress.Line($"{config.Label}: warm-up pass {pass} of {JitSettling.WarmupPasses} (the JIT settled in {Format.Seconds(waited.TotalSeconds)}, {compiled:N0} methods compiled meanwhile)");
            }
            progress.Line($"{config.Label}: warmed up in {Format.Seconds(clock.Elapsed.TotalSeconds)}");
        }
        var (engine, upstream, onCluster) = cluster is null
            ? await RunBesideUpstreamAsync(workload, config, progress)
            : await RunBesideClusterAsync(workload, config, progress, cluster);
        var linq = RunLinq(workload, config, progress);

        var ratio = linq.Rounds.Median / engine.Rounds.Median;
        var verified = config.Verify ? SameAnswer(engine.Answer!, linq.Answer!) && (onCluster is null || SameAnswer(onCluster.Value.Answer!, linq.Answer!)) : (bool?)null;
        var result = new BenchResult(config, engine.LoadSeconds, engine.LoadFeedSeconds, engine.LoadGcPauseSeconds, engine.Rounds,
            engine.RoundsFeedSeconds, engine.RoundsGcPauseSeconds, engine.Gen2Collections, engine.AllocatedBytesPerStep, engine.RecordsPerStep,
            engine.StepsPerSecond, 2 * engine.StepsPerSecond, engine.PeakWorkingSet, engine.HeapBefore, engine.HeapAfterLoad, engine.HeapAfterRounds,
            (double)(engine.HeapAfterLoad - engine.HeapBefore) / config.Edges, linq.Rounds, ratio, verified, [], engine.RoundMicros, linq.RoundMicros, upstream,
            onCluster?.Comparison);
        result = result with { Checks = BenchTargets.Check(result) };
        progress.Line($"{config.Label}: load {Format.Seconds(result.LoadSeconds)}, round median {Format.Micros(result.Rounds.Median)}, " +
            $"LINQ median {Format.Micros(result.Linq.Median)} ({Format.Ratio(ratio)})" +
            (upstream is null ? "" : $", upstream's median {Format.Micros(upstream.UpstreamRoundMedian)} (ours {upstream.RoundRatio:0.00}× upstream's)") +
            (onCluster is not { Comparison: var c } ? "" : $", on {c.Members} members {Format.Micros(c.OnCluster.RoundMedianMicros)} ({c.RoundRatio:0.00}× the embedded round, {c.ThroughputRatio:0.00}× its throughput)") +
            (verified is null ? "" : verified.Value ? ", answers agree" : ", ANSWERS DIFFER"));
        return new BenchOutcome(result, engine.Answer, linq.Answer);
    }

    /// <summary>
    /// Our run of <paramref name="config"/>, alone or (with <see cref="BenchConfig.Upstream"/>) in turn with
    /// upstream's program: then the run returned is ours with the median round median of the pairs.
    /// </summary>
    private static async Task<(DataflowRun Engine, UpstreamComparison? Upstream, (ClusterComparison Comparison, Dictionary<long, long>? Answer)? Cluster)> RunBesideUpstreamAsync(
        BenchWorkload workload, BenchConfig config, ProgressDisplay progress)
    {
        if (config.Upstream is null)
            return (await RunDataflowAsync(workload, config, progress, BenchDeployment.Embedded), null, null);
        var program = UpstreamProgram.Find(config.Upstream, config.Workload);
        var runs = new List<DataflowRun>();
        var pairs = new List<UpstreamPair>();
        for (var pair = 0; pair < config.Pairs; pair++)
        {
            progress.Line($"{config.Label}: pair {pair + 1} of {config.Pairs}, upstream's {Path.GetFileName(program)}");
            var upstream = await UpstreamProgram.RunAsync(program, config);
            var run = await RunDataflowAsync(workload, config, progress, BenchDeployment.Embedded);
            runs.Add(run);
            pairs.Add(new UpstreamPair(upstream, run.LoadSeconds, run.Rounds.Median, run.Rounds.P99));
        }
        // Upstream's peak is its largest over the pairs; ours likewise, each run's own.
        var median = MedianRun(runs) with { PeakWorkingSet = runs.Max(static r => r.PeakWorkingSet) };
        return (median, new UpstreamComparison(program, UpstreamProgram.Arguments(config), pairs), null);
    }

    /// <summary>
    /// The embedded run of <paramref name="config"/> in turn with the same run on <paramref name="cluster"/>: the run
    /// returned is the embedded one with the median round median of the pairs, with the comparison and the answer of
    /// the cluster's last run.
    /// </summary>
    private static async Task<(DataflowRun Engine, UpstreamComparison? Upstream, (ClusterComparison Comparison, Dictionary<long, long>? Answer)? Cluster)> RunBesideClusterAsync(
        BenchWorkload workload, BenchConfig config, ProgressDisplay progress, BenchCluster cluster)
    {
        var runs = new List<DataflowRun>();
        var pairs = new List<ClusterPair>();
        DataflowRun? last = null;
        for (var pair = 0; pair < config.Pairs; pair++)
        {
            progress.Line($"{config.Label}: pair {pair + 1} of {config.Pairs}, embedded");
            var embedded = await RunDataflowAsync(workload, config, progress, BenchDeployment.Embedded);
            progress.Line($"{config.Label}: pair {pair + 1} of {config.Pairs}, on {cluster.Description}");
            last = await RunDataflowAsync(workload, config, progress, cluster.Target);
            runs.Add(embedded);
            pairs.Add(new ClusterPair(embedded.Figures, last.Figures));
        }
        return (MedianRun(runs), null, (new ClusterComparison(cluster.Description, cluster.Members, cluster.Buckets, pairs), last!.Answer));
    }

    private static DataflowRun MedianRun(List<DataflowRun> runs) => runs.OrderBy(static r => r.Rounds.Median).ElementAt(runs.Count / 2);

    private sealed record DataflowRun(
        double LoadSeconds, double LoadFeedSeconds, double LoadGcPauseSeconds, LatencySummary Rounds, double[] RoundMicros,
        double RoundsFeedSeconds, double RoundsGcPauseSeconds, int Gen2Collections, double AllocatedBytesPerStep, double RecordsPerStep,
        double StepsPerSecond, long PeakWorkingSet, long HeapBefore, long HeapAfterLoad, long HeapAfterRounds, Dictionary<long, long>? Answer)
    {
        /// <summary>The figures set beside another run's.</summary>
        public RunFigures Figures => new(LoadSeconds, Rounds.Median, Rounds.P99, StepsPerSecond);
    }

    private static async Task<DataflowRun> RunDataflowAsync(BenchWorkload workload, BenchConfig config, ProgressDisplay progress, BenchTarget target)
    {
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        PeakResidentSet.Reset();
        await using var deployment = await target(workload, config);
        var deployed = deployment.Dataflow.Handles;
        var metrics = deployment.Dataflow.Metrics;
        var edges = deployed.Edges;
        var inserts = new EdgeGenerator(config.Nodes, Isaac64.UpstreamDefault());
        var removals = new EdgeGenerator(config.Nodes, Isaac64.UpstreamDefault());

        // The load: every edge at time 0, then wait for the probe to pass it.
        progress.Begin($"{config.Label}: loading {config.Edges:N0} edges, {deployment.Buckets} bucket{(deployment.Buckets == 1 ? "" : "s")}");
        var pauseStart = GC.GetTotalPauseDuration();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < config.Edges; i++)
        {
            edges.Insert(inserts.NextEdge());
            if ((i & 0xFFFF) == 0)
                progress.Report("loading", i, config.Edges);
        }
        deployed.Start();
        edges.AdvanceTo(1);
        var loadFeed = clock.Elapsed;
        progress.Report("loading", config.Edges, config.Edges);
        progress.Line($"{config.Label}: edges fed in {Format.Seconds(loadFeed.TotalSeconds)}, waiting for time 0 to complete");
        await deployed.Probe.WhenPassed(0);
        var load = clock.Elapsed;
        var loadPause = GC.GetTotalPauseDuration() - pauseStart;
        progress.Line($"{config.Label}: loaded in {Format.Seconds(load.TotalSeconds)}");
        var heapAfterLoad = GC.GetTotalMemory(forceFullCollection: true);
        if (config.Warmup)
        {
            // What the load compiled is promoted before the rounds, not during them (see JitSettling).
            var (waited, compiled) = await JitSettling.WaitAsync();
            progress.Line($"{config.Label}: the JIT settled in {Format.Seconds(waited.TotalSeconds)} ({compiled:N0} methods compiled)");
        }

        // The rounds.
        progress.Begin($"{config.Label}: {config.Rounds:N0} rounds");
        var roundMicros = new double[config.Rounds];
        var feed = TimeSpan.Zero;
        var records = (await metrics.SnapshotAsync()).RecordsProcessed;
        var allocated = GC.GetTotalAllocatedBytes();
        var gen2 = GC.CollectionCount(2);
        pauseStart = GC.GetTotalPauseDuration();
        for (var round = 0; round < config.Rounds; round++)
        {
            clock.Restart();
            for (var step = 0; step < config.Batch; step++)
            {
                edges.AdvanceTo(config.StepTime(round, step), flush: config.FlushEachStep);
                edges.Insert(inserts.NextEdge());
                edges.Remove(removals.NextEdge());
            }
            var last = config.LastTime(round);
            edges.AdvanceTo(last + 1);
            feed += clock.Elapsed;
            await deployed.Probe.WhenPassed(last);
            roundMicros[round] = clock.Elapsed.TotalMicroseconds;
            progress.Report("rounds", round + 1, config.Rounds);
        }
        var steps = (double)config.Rounds * config.Batch;
        var roundsPause = GC.GetTotalPauseDuration() - pauseStart;
        var allocatedPerStep = (GC.GetTotalAllocatedBytes() - allocated) / steps;
        var gen2Collections = GC.CollectionCount(2) - gen2;
        var recordsPerStep = ((await metrics.SnapshotAsync()).RecordsProcessed - records) / steps;
        var rounds = LatencySummary.Of(roundMicros);

        var answer = deployed.AnswerAt is null ? null : await deployed.AnswerAt(config.Rounds == 0 ? 0 : config.LastTime(config.Rounds - 1));
        edges.Close();
        var heapAfterRounds = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return new DataflowRun(load.TotalSeconds, loadFeed.TotalSeconds, loadPause.TotalSeconds, rounds, roundMicros, feed.TotalSeconds,
            roundsPause.TotalSeconds, gen2Collections, allocatedPerStep, recordsPerStep, steps / (rounds.Total / 1e6),
            process.PeakWorkingSet64, heapBefore, heapAfterLoad, heapAfterRounds, answer);
    }

    private sealed record LinqRun(LatencySummary Rounds, double[] RoundMicros, Dictionary<long, long>? Answer);

    private static LinqRun RunLinq(BenchWorkload workload, BenchConfig config, ProgressDisplay progress)
    {
        var generator = new EdgeGenerator(config.Nodes, Isaac64.UpstreamDefault());
        var live = new (int Src, int Dst)[config.Edges];
        for (var i = 0; i < live.Length; i++)
            live[i] = generator.NextEdge();
        var slot = 0;
        void Step()
        {
            live[slot] = generator.NextEdge();
            slot = slot + 1 == live.Length ? 0 : slot + 1;
        }

        var limit = Math.Min(config.Rounds, config.LinqRounds);
        progress.Begin($"{config.Label}: LINQ recomputation, up to {limit:N0} rounds or {config.LinqBudgetSeconds:0} s");
        var micros = new List<double>(limit);
        Dictionary<long, long>? answer = null;
        var budget = Stopwatch.StartNew();
        var clock = new Stopwatch();
        var round = 0;
        for (; round < limit && (round < 3 || budget.Elapsed.TotalSeconds < config.LinqBudgetSeconds); round++)
        {
            clock.Restart();
            for (var step = 0; step < config.Batch; step++)
                Step();
            answer = workload.Recompute(live);
            micros.Add(clock.Elapsed.TotalMicroseconds);
            progress.Report("LINQ", round + 1, limit);
        }
        if (config.Verify && (round < config.Rounds || answer is null))
        {
            for (; round < config.Rounds; round++)
                for (var step = 0; step < config.Batch; step++)
                    Step();
            answer = workload.Recompute(live);
        }
        return new LinqRun(LatencySummary.Of(micros), [.. micros], config.Verify ? answer : null);
    }

    private static bool SameAnswer(IReadOnlyDictionary<long, long> a, IReadOnlyDictionary<long, long> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var value) && value == kv.Value);
}
