using AkkaDifferential.Arrangements.Updates;
using AkkaDifferential.Cluster.Wire;
using AkkaDifferential.Cluster.Wire.Columns;
using AkkaDifferential.Operators.Recovery;

namespace AkkaDifferential.Journal;

/// <summary>
/// Encodes an input session's journal entries (<see cref="JournaledInput{TData, TTime, TDiff}"/>) with the wire's
/// columnar batch codec: whether the session was closed, its time as a one-item column, then the number of batches
/// and each batch as the wire writes it (its types, count and columns), so that an entry costs what the batch costs
/// on the wire and records go through the same codecs (Hyperion for types without a column of their own).
/// </summary>
internal sealed class JournalCodec<TData, TTime, TDiff>(BatchCodecs batches) where TTime : notnull
{
    private readonly ColumnCodec<TTime> times = batches.Columns.For<TTime>();

    /// <summary>The bytes of <paramref name="entry"/>.</summary>
    public byte[] Encode(JournaledInput<TData, TTime, TDiff> entry)
    {
        var writer = WireWriter.Rent();
        try
        {
            writer.WriteBool(entry.Closed);
            times.Write(writer, [entry.Time]);
            writer.WriteCount(entry.Batches.Count);
            foreach (var batch in entry.Batches)
                batches.Write(writer, batch);
            return writer.ToArray();
        }
        finally
        {
            writer.Return();
        }
    }

    /// <summary>The entry of <paramref name="bytes"/>, written by <see cref="Encode"/>.</summary>
    /// <exception cref="InvalidOperationException">The entry holds batches of other types than the session's (another definition wrote it).</exception>
    public JournaledInput<TData, TTime, TDiff> Decode(byte[] bytes)
    {
        var reader = new WireReader(bytes);
        var closed = reader.ReadBool();
        var time = new TTime[1];
        times.Read(ref reader, time);
        var count = reader.ReadCount(BatchCodec.MaxUpdates);
        var read = new UpdateBatch<TData, TTime, TDiff>[count];
        for (var i = 0; i < count; i++)
            read[i] = batches.Read(ref reader) as UpdateBatch<TData, TTime, TDiff>
                ?? throw new InvalidOperationException($"A journal entry holds a batch that is not of {typeof(UpdateBatch<TData, TTime, TDiff>).Name}: it was written by another definition.");
        return new JournaledInput<TData, TTime, TDiff>(read, time[0], closed);
    }
}
