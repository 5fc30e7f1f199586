namespace AkkaDifferential;

/// <summary>
/// Counters of the work a dataflow does, summed over its operator instances on this node: a measure of work that
/// does not depend on the machine, so incremental updates can be compared with full recomputation.
/// </summary>
public sealed class DataflowMetrics
{
    private long records;
    private long batches;

    /// <summary>Updates delivered to operator instances (each counted once per operator that received it).</summary>
    public long RecordsProcessed => Interlocked.Read(ref records);

    /// <summary>Batches delivered to operator instances.</summary>
    public long BatchesProcessed => Interlocked.Read(ref batches);

    internal void Delivered(int count)
    {
        Interlocked.Add(ref records, count);
        Interlocked.Increment(ref batches);
    }
}
