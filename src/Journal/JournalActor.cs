using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace AkkaDifferential.Journal;

/// <summary>
/// One log of the driver's journal, an Akka.Persistence actor with a stable persistence id: an input session's log
/// (its id from the dataflow's name, the input's operator index and name) or a dataflow's record of its plan. It
/// appends encoded entries as events, each answered once durable, so that the session's call returns only then; a
/// snapshot replaces the entries before it, which are deleted once it is saved, so that the log stays as large as the
/// session's compacted input rather than its history. Recovery gives the latest snapshot and the entries after it.
/// </summary>
internal sealed class JournalActor : ReceivePersistentActor
{
    private readonly List<byte[]> recovered = [];
    private IActorRef? writer;
    // Snapshots being saved and deletions under way; a Stop waits for them.
    private int pending;
    private bool stopping;

    public JournalActor(string persistenceId)
    {
        PersistenceId = persistenceId;
        Recover<SnapshotOffer>(offer =>
        {
            recovered.Clear();
            recovered.Add((byte[])offer.Snapshot);
        });
        Recover<byte[]>(recovered.Add);
        Command<JournalProtocol.GetRecovered>(_ => Sender.Tell(new JournalProtocol.Recovered([.. recovered])));
        Command<JournalProtocol.Append>(append =>
        {
            writer = Sender;
            Persist(append.Entry, _ => Sender.Tell(JournalProtocol.Written.Instance));
        });
        Command<JournalProtocol.Snapshot>(snapshot =>
        {
            recovered.Clear();
            pending++;
            SaveSnapshot(snapshot.State);
            Sender.Tell(JournalProtocol.Written.Instance);
        });
        Command<SaveSnapshotSuccess>(saved =>
        {
            pending += 2;
            DeleteMessages(saved.Metadata.SequenceNr);
            DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1));
            Done();
        });
        Command<SaveSnapshotFailure>(failed => Done(failed.Cause, "a snapshot was not saved; the entries before it are kept"));
        Command<DeleteMessagesSuccess>(_ => Done());
        Command<DeleteSnapshotsSuccess>(_ => Done());
        Command<DeleteMessagesFailure>(failed => Done(failed.Cause, "entries covered by a snapshot were not deleted (the next snapshot deletes them)"));
        Command<DeleteSnapshotsFailure>(failed => Done(failed.Cause, "older snapshots were not deleted (the next snapshot deletes them)"));
        Command<JournalProtocol.Stop>(_ =>
        {
            stopping = true;
            if (pending == 0)
                Context.Stop(Self);
        });
    }

    /// <summary>One snapshot or deletion finished (with <paramref name="failure"/> logged, if any); stops when asked to and none is left.</summary>
    private void Done(Exception? failure = null, string? what = null)
    {
        pending--;
        if (failure is not null)
            Context.GetLogger().Warning(failure, "Journal {0}: {1}.", PersistenceId, what);
        if (stopping && pending == 0)
            Context.Stop(Self);
    }

    /// <inheritdoc/>
    public override string PersistenceId { get; }

    /// <summary>Props of the log with <paramref name="persistenceId"/>.</summary>
    public static Props Props(string persistenceId) => Akka.Actor.Props.Create(() => new JournalActor(persistenceId));

    /// <summary>The write failed: the session waiting for it is told why (the actor then stops, as Akka.Persistence does).</summary>
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        writer?.Tell(new Status.Failure(cause));
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    /// <summary>The journal refused the entry: the session waiting for it is told why.</summary>
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        writer?.Tell(new Status.Failure(cause));
        base.OnPersistRejected(cause, @event, sequenceNr);
    }
}
