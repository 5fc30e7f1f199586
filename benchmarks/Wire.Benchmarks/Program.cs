using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using AkkaDifferential;
using AkkaDifferential.Operators.Runtime;
using AkkaDifferential.Wire.Benchmarks;

// Serialize + deserialize throughput of data batches: the wire's batch serializer (config/wire.conf) beside Akka's
// Hyperion serializer with its default settings (what a member used for every batch before the wire had its own), on
// the same batches, in the same run, trials alternating between the two. Usage: [--updates N] [--trials T]
// [--seconds S]; prints per workload the median updates per second of each, the ratio, bytes per update of each and
// their ratio, and the bytes allocated per update.
var updates = ArgValue("--updates", 65_536);
var trials = ArgValue("--trials", 7);
var seconds = ArgValue("--seconds", 1);
var config = ConfigurationFactory.ParseString("akka.loglevel = WARNING").WithFallback(DifferentialCluster.WireConfig());
using var system = (ExtendedActorSystem)ActorSystem.Create("wire-bench", config);
var ours = system.Serialization.FindSerializerForType(typeof(RuntimeProtocol.Deliver));
var hyperion = new HyperionSerializer(system);
Console.WriteLine($"batches of {updates:N0} updates; {trials} trials of {seconds} s each per serializer, alternating; {Environment.ProcessorCount} cores");
foreach (var workload in WireWorkload.All(updates))
{
    var candidates = new[] { new Candidate("wire", ours), new Candidate("hyperion", hyperion) };
    foreach (var candidate in candidates)
        candidate.Verify(workload);
    // Warm-up: until both are jitted and tiered up.
    for (var warm = Stopwatch.StartNew(); warm.Elapsed < TimeSpan.FromSeconds(2);)
        foreach (var candidate in candidates)
            candidate.Trial(workload, TimeSpan.FromMilliseconds(100));
    foreach (var candidate in candidates)
        candidate.ResetAllocations();
    for (var trial = 0; trial < trials; trial++)
        foreach (var candidate in candidates)
            candidate.Rates.Add(candidate.Trial(workload, TimeSpan.FromSeconds(seconds)));
    var (wire, hyper) = (candidates[0], candidates[1]);
    Console.WriteLine($"{workload.Name}: wire {wire.Median:N0} updates/s, Hyperion {hyper.Median:N0} updates/s, ratio {wire.Median / hyper.Median:F1}x; " +
        $"bytes per update wire {wire.BytesPerUpdate(workload):F2}, Hyperion {hyper.BytesPerUpdate(workload):F2}, ratio {hyper.BytesPerUpdate(workload) / wire.BytesPerUpdate(workload):F1}x smaller; " +
        $"allocated per update wire {wire.AllocatedPerUpdate:F1} B, Hyperion {hyper.AllocatedPerUpdate:F1} B; " +
        $"trials wire {string.Join(" ", wire.Rates.Select(r => $"{r / 1e6:F1}M"))}, Hyperion {string.Join(" ", hyper.Rates.Select(r => $"{r / 1e6:F2}M"))}");
}

int ArgValue(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1]) : fallback;
}

/// <summary>One serializer under measurement: round trips of a batch, timed and counted.</summary>
internal sealed class Candidate(string name, Serializer serializer)
{
    private long allocated;
    private long measured;

    public List<double> Rates { get; } = [];

    public double Median => Rates.Order().ElementAt(Rates.Count / 2);

    public double AllocatedPerUpdate => (double)allocated / measured;

    public double BytesPerUpdate(WireWorkload workload) => (double)serializer.ToBinary(workload.Message).Length / workload.Updates;

    /// <summary>Round trips for <paramref name="duration"/>; updates per second.</summary>
    public double Trial(WireWorkload workload, TimeSpan duration)
    {
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, workload.Message);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        long rounds = 0;
        while (clock.Elapsed < duration)
        {
            var bytes = serializer.ToBinary(workload.Message);
            var back = (RuntimeProtocol.Deliver)(serializer is SerializerWithStringManifest withManifest
                ? withManifest.FromBinary(bytes, manifest)
                : serializer.FromBinary(bytes, typeof(RuntimeProtocol.Deliver)));
            if (back.Batch.Count != workload.Updates)
                throw new InvalidOperationException($"{name} lost updates of {workload.Name}");
            rounds++;
        }
        var elapsed = clock.Elapsed;
        allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        measured += rounds * workload.Updates;
        return rounds * workload.Updates / elapsed.TotalSeconds;
    }

    /// <summary>One round trip gives back the batch's updates, equal one by one.</summary>
    public void Verify(WireWorkload workload)
    {
        var bytes = serializer.ToBinary(workload.Message);
        var back = serializer is SerializerWithStringManifest withManifest
            ? withManifest.FromBinary(bytes, Akka.Serialization.Serialization.ManifestFor(serializer, workload.Message))
            : serializer.FromBinary(bytes, typeof(RuntimeProtocol.Deliver));
        var (sent, received) = (workload.Message.Batch, ((RuntimeProtocol.Deliver)back).Batch);
        var item = sent.GetType().GetProperty("Item")!;
        for (var i = 0; i < sent.Count; i++)
            if (!Equals(item.GetValue(sent, [i]), item.GetValue(received, [i])))
                throw new InvalidOperationException($"{name} changed update {i} of {workload.Name}");
    }

    /// <summary>Forgets the allocations of the warm-up.</summary>
    public void ResetAllocations() => allocated = measured = 0;
}
