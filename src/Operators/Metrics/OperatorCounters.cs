using AkkaDifferential.Operators.Builder;
using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Operators.Metrics;

/// <summary>
/// The counters of one operator instance at one bucket (or of an input session on the driver), owned by the one
/// actor that runs it: it adds to them once per batch or frontier change, never per record, without atomic
/// operations, and hands a copy (<see cref="Figures"/>) to its bucket when asked by message
/// (<see cref="MetricsProtocol.Collect"/>). An operator fused into another's activation counts into counters of its
/// own, which the host actor reports beside its own. Writes are single-writer volatile stores, so that the driver's
/// snapshot may read an input session's counters from another thread; an instance's are only read by its actor (an
/// arrangement's size, which only instances have, is a plain field).
/// </summary>
internal sealed class OperatorCounters(OperatorNode node)
{
    // An input session reports its time in the one slot of its one port.
    private readonly FlatTime[]?[] frontiers = new FlatTime[]?[Math.Max(node.Inputs.Count, 1)];
    private long recordsIn;
    private long batchesIn;
    private long recordsOut;
    private long batchesOut;
    private ArrangementSize? arrangement;
    private long version;

    /// <summary>The operator's index in its dataflow.</summary>
    public int Operator { get; } = node.Index;

    /// <summary>A batch of <paramref name="count"/> updates arrived at the instance.</summary>
    public void Received(int count)
    {
        Volatile.Write(ref recordsIn, recordsIn + count);
        Volatile.Write(ref batchesIn, batchesIn + 1);
        Changed();
    }

    /// <summary>A batch of <paramref name="count"/> updates left an output port (counted once, whatever its consumers).</summary>
    public void Sent(int count)
    {
        Volatile.Write(ref recordsOut, recordsOut + count);
        Volatile.Write(ref batchesOut, batchesOut + 1);
        Changed();
    }

    /// <summary>
    /// The instance's trace now holds these many keys, updates and batches, and its compaction frontier trails its
    /// upper by <paramref name="compactionLag"/>, held there by <paramref name="heldBy"/>.
    /// </summary>
    public void Arrangement(long keyCount, long updateCount, long batchCount, long compactionLag, string? heldBy)
    {
        arrangement = new ArrangementSize(keyCount, updateCount, batchCount, compactionLag, heldBy);
        Changed();
    }

    /// <summary>The frontier of input <paramref name="port"/> (an input session: its time) changed.</summary>
    public void Frontier(int port, FlatTime[] frontier)
    {
        Volatile.Write(ref frontiers[port], frontier);
        Changed();
    }

    /// <summary>How many times the counters changed: a report whose version is unchanged need not be sent again.</summary>
    public long Version => Volatile.Read(ref version);

    /// <summary>A copy of the counters now, with the frontier over the instance's input ports.</summary>
    public OperatorFigures Figures()
    {
        List<FlatTime>? frontier = null;
        for (var port = 0; port < frontiers.Length; port++)
            if (Volatile.Read(ref frontiers[port]) is { } times)
                OperatorFigures.AddMinimal(ref frontier, times);
        return new OperatorFigures(
            Operator, Volatile.Read(ref recordsIn), Volatile.Read(ref batchesIn), Volatile.Read(ref recordsOut), Volatile.Read(ref batchesOut),
            arrangement, frontier?.ToArray());
    }

    private void Changed() => Volatile.Write(ref version, version + 1);
}
