using Akka.Actor;
using AkkaDifferential.Cluster.Wire;
using AkkaDifferential.Cluster.Wire.Columns;
using AkkaDifferential.Operators.Recovery;

namespace AkkaDifferential.Journal;

/// <summary>
/// A resumable change stream's log in the driver's journal: each acknowledged time is one entry (the time as a
/// one-item column of the wire's codec) that replaces the ones before it, so the log holds one entry; what it
/// recovered is the last time acknowledged before the driver restarted.
/// </summary>
internal sealed class AcknowledgementLog<TTime> : IAcknowledgementLog<TTime> where TTime : notnull
{
    private readonly IActorRef actor;
    private readonly ColumnCodec<TTime> times;
    private readonly string name;
    private readonly TimeSpan timeout;

    private AcknowledgementLog(IActorRef actor, ColumnCodec<TTime> times, string name, TimeSpan timeout, (bool, TTime) recovered)
    {
        this.actor = actor;
        this.times = times;
        this.name = name;
        this.timeout = timeout;
        Recovered = recovered;
    }

    /// <inheritdoc/>
    public (bool Found, TTime Time) Recovered { get; }

    /// <summary>Opens the log of <paramref name="actor"/>, named <paramref name="name"/> in errors, once it has recovered.</summary>
    public static async Task<AcknowledgementLog<TTime>> OpenAsync(IActorRef actor, ColumnCodec<TTime> times, string name, TimeSpan timeout)
    {
        var recovered = await JournalAsk.Recover(actor, name, timeout).ConfigureAwait(false);
        var last = recovered.Entries.Count == 0 ? (false, default(TTime)!) : (true, Decode(times, recovered.Entries[^1]));
        return new AcknowledgementLog<TTime>(actor, times, name, timeout, last);
    }

    /// <inheritdoc/>
    public Task AppendAsync(TTime time) =>
        JournalAsk.WriteAsync(actor, new JournalProtocol.Append(Encode(time), Replaces: true), name, timeout);

    private byte[] Encode(TTime time)
    {
        var writer = WireWriter.Rent();
        try
        {
            times.Write(writer, [time]);
            return writer.ToArray();
        }
        finally
        {
            writer.Return();
        }
    }

    private static TTime Decode(ColumnCodec<TTime> times, byte[] bytes)
    {
        var reader = new WireReader(bytes);
        var time = new TTime[1];
        times.Read(ref reader, time);
        return time[0];
    }
}
