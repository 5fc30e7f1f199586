using Akka.Actor;
using AkkaDifferential.Operators.Recovery;

namespace AkkaDifferential.Journal;

/// <summary>
/// An input session's log in the driver's journal: its entries go to the session's <see cref="JournalActor"/>,
/// encoded by <see cref="JournalCodec{TData, TTime, TDiff}"/>, and each call waits, on the session's (user's) thread,
/// until the actor answers that the entry is durable. What the log recovered is folded into one entry: the
/// snapshot's batches and every later entry's, with the last entry's time and closing.
/// </summary>
internal sealed class InputLog<TData, TTime, TDiff> : IInputLog<TData, TTime, TDiff> where TTime : notnull
{
    private readonly IActorRef actor;
    private readonly JournalCodec<TData, TTime, TDiff> codec;
    private readonly string name;
    private readonly TimeSpan timeout;

    private InputLog(IActorRef actor, JournalCodec<TData, TTime, TDiff> codec, string name, TimeSpan timeout, JournaledInput<TData, TTime, TDiff>? recovered)
    {
        this.actor = actor;
        this.codec = codec;
        this.name = name;
        this.timeout = timeout;
        Recovered = recovered;
    }

    /// <inheritdoc/>
    public JournaledInput<TData, TTime, TDiff>? Recovered { get; }

    /// <summary>Opens the log of <paramref name="actor"/>, named <paramref name="name"/> in errors, once it has recovered.</summary>
    public static async Task<InputLog<TData, TTime, TDiff>> OpenAsync(IActorRef actor, JournalCodec<TData, TTime, TDiff> codec, string name, TimeSpan timeout)
    {
        var recovered = await JournalAsk.Recover(actor, name, timeout).ConfigureAwait(false);
        JournaledInput<TData, TTime, TDiff>? folded = null;
        foreach (var bytes in recovered.Entries)
        {
            var entry = codec.Decode(bytes);
            folded = folded is null ? entry : new JournaledInput<TData, TTime, TDiff>([.. folded.Batches, .. entry.Batches], entry.Time, entry.Closed);
        }
        return new InputLog<TData, TTime, TDiff>(actor, codec, name, timeout, folded);
    }

    /// <inheritdoc/>
    public void Append(JournaledInput<TData, TTime, TDiff> entry) =>
        JournalAsk.Write(actor, new JournalProtocol.Append(codec.Encode(entry)), name, timeout);

    /// <inheritdoc/>
    public void Snapshot(JournaledInput<TData, TTime, TDiff> state) =>
        JournalAsk.Write(actor, new JournalProtocol.Snapshot(codec.Encode(state)), name, timeout);
}
