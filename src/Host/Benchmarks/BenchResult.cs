namespace AkkaDifferential.Host.Benchmarks;

/// <summary>
/// What one benchmark run measured. Times are in microseconds unless named otherwise; memory in bytes. This is the
/// record written as JSON (<c>--json</c>).
/// </summary>
/// <param name="Config">What was run.</param>
/// <param name="LoadSeconds">From the first loaded edge until the probe passed time 0 (includes generating the edges, as upstream).</param>
/// <param name="LoadFeedSeconds">Of <paramref name="LoadSeconds"/>, the time spent generating and handing the edges to the input session.</param>
/// <param name="LoadGcPauseSeconds">Garbage-collection pauses during the load.</param>
/// <param name="Rounds">Per-round latency: from the round's first step until the probe passed its last time.</param>
/// <param name="RoundsFeedSeconds">Of all rounds, the time spent on the driver in <c>AdvanceTo</c>/<c>Insert</c>/<c>Remove</c>.</param>
/// <param name="RoundsGcPauseSeconds">Garbage-collection pauses during the rounds.</param>
/// <param name="RoundsGen2Collections">Full (generation 2) collections during the rounds.</param>
/// <param name="AllocatedBytesPerStep">Bytes allocated (all threads) during the rounds, per step.</param>
/// <param name="RecordsPerStep">Records the dataflow's operators processed during the rounds, per step.</param>
/// <param name="StepsPerSecond">Steps (one insert and one remove each) per second of round latency.</param>
/// <param name="UpdatesPerSecond">Input updates per second of round latency: twice <paramref name="StepsPerSecond"/>.</param>
/// <param name="PeakWorkingSetBytes">
/// The peak working set (VmHWM) of the run, reset before it where the system allows (<see cref="PeakResidentSet"/>) and
/// read after the dataflow ran, before the LINQ baseline; beside upstream, the largest over our runs of the pairs.
/// </param>
/// <param name="HeapBytesBefore">GC heap after a full collection, before the dataflow was built.</param>
/// <param name="HeapBytesAfterLoad">GC heap after a full collection, once the load was done.</param>
/// <param name="HeapBytesAfterRounds">GC heap after a full collection, after the rounds.</param>
/// <param name="HeapBytesPerLoadedEdge">(<paramref name="HeapBytesAfterLoad"/> − <paramref name="HeapBytesBefore"/>) / edges.</param>
/// <param name="Linq">Per-round latency of the LINQ baseline: apply the round's steps to an edge array, recompute from scratch.</param>
/// <param name="LinqRatio">LINQ median round latency / ours.</param>
/// <param name="Verified">With <c>--verify</c>: whether the dataflow's final answer equals the LINQ recomputation over the final edges.</param>
/// <param name="Checks">Each figure against the target and upstream's figure.</param>
/// <param name="RoundMicros">Every round's latency, in order.</param>
/// <param name="LinqRoundMicros">Every LINQ round's latency, in order.</param>
/// <param name="Upstream">
/// With <see cref="BenchConfig.Upstream"/>: upstream's runs and ours in turn. The other figures are then those of our
/// run with the median round median of the pairs.
/// </param>
/// <param name="Cluster">
/// With <see cref="BenchConfig.Cluster"/>: the embedded runs and the cluster's in turn. The other figures are then
/// those of the embedded run with the median round median of the pairs.
/// </param>
internal sealed record BenchResult(
    BenchConfig Config,
    double LoadSeconds,
    double LoadFeedSeconds,
    double LoadGcPauseSeconds,
    LatencySummary Rounds,
    double RoundsFeedSeconds,
    double RoundsGcPauseSeconds,
    int RoundsGen2Collections,
    double AllocatedBytesPerStep,
    double RecordsPerStep,
    double StepsPerSecond,
    double UpdatesPerSecond,
    long PeakWorkingSetBytes,
    long HeapBytesBefore,
    long HeapBytesAfterLoad,
    long HeapBytesAfterRounds,
    double HeapBytesPerLoadedEdge,
    LatencySummary Linq,
    double LinqRatio,
    bool? Verified,
    IReadOnlyList<TargetCheck> Checks,
    IReadOnlyList<double> RoundMicros,
    IReadOnlyList<double> LinqRoundMicros,
    UpstreamComparison? Upstream = null,
    ClusterComparison? Cluster = null);

/// <summary>A run's result with the answers both ways (with <see cref="BenchConfig.Verify"/>), for checks.</summary>
/// <param name="Result">The measurements.</param>
/// <param name="DataflowAnswer">The dataflow's output after the last round; null without verification.</param>
/// <param name="LinqAnswer">The LINQ recomputation over the edges after the last round; null without verification.</param>
internal sealed record BenchOutcome(BenchResult Result, IReadOnlyDictionary<long, long>? DataflowAnswer, IReadOnlyDictionary<long, long>? LinqAnswer);
