using AkkaDifferential.Arrangements.Updates;
using AkkaDifferential.Cluster.Wire.Columns;

namespace AkkaDifferential.Cluster.Wire;

/// <summary>
/// Writes and reads <see cref="UpdateBatch{TData, TTime, TDiff}"/>s of one closed type: the number of updates, then
/// the records, times and differences as three columns (<see cref="ColumnCodec{T}"/>), each exactly as long as the
/// batch — a builder's unused capacity never travels — and read back into exact-size arrays that the new batch owns.
/// </summary>
internal abstract class BatchCodec(byte[] descriptor)
{
    /// <summary>At most this many updates in one batch: a larger count is a malformed frame, not an allocation.</summary>
    public const int MaxUpdates = 1 << 28;

    /// <summary>The batch's record, time and difference types as <see cref="WireTypes"/> writes them.</summary>
    public byte[] Descriptor { get; } = descriptor;

    /// <summary>Writes the batch's count and columns.</summary>
    public abstract void Write(WireWriter writer, IUpdateBatch batch);

    /// <summary>Reads a batch written by <see cref="Write"/>.</summary>
    public abstract IUpdateBatch Read(ref WireReader reader);
}

/// <inheritdoc/>
internal sealed class BatchCodec<TData, TTime, TDiff>(ColumnCodecs codecs, byte[] descriptor) : BatchCodec(descriptor)
{
    private readonly ColumnCodec<TData> data = codecs.For<TData>();
    private readonly ColumnCodec<TTime> times = codecs.For<TTime>();
    private readonly ColumnCodec<TDiff> diffs = codecs.For<TDiff>();

    /// <inheritdoc/>
    public override void Write(WireWriter writer, IUpdateBatch batch)
    {
        var updates = (UpdateBatch<TData, TTime, TDiff>)batch;
        writer.WriteCount(updates.Count);
        if (updates.Count == 0)
            return;
        data.Write(writer, updates.Data);
        times.Write(writer, updates.Times);
        diffs.Write(writer, updates.Diffs);
    }

    /// <inheritdoc/>
    public override IUpdateBatch Read(ref WireReader reader)
    {
        var count = reader.ReadCount(MaxUpdates);
        if (count == 0)
            return UpdateBatch<TData, TTime, TDiff>.Empty;
        var records = new TData[count];
        var at = new TTime[count];
        var by = new TDiff[count];
        data.Read(ref reader, records);
        times.Read(ref reader, at);
        diffs.Read(ref reader, by);
        return new UpdateBatch<TData, TTime, TDiff>(records, at, by);
    }
}
