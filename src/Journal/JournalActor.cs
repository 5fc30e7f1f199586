using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace AkkaDifferential.Journal;

/// <summary>
/// One log of the driver's journal, an Akka.Persistence actor with a stable persistence id: an input session's log
/// (its id from the dataflow's name, the input's operator index and name) or a dataflow's record of its plan. It
/// appends encoded entries as events, each answered once durable, so that the session's call returns only then; a
/// snapshot replaces the entries before it, which are deleted once it is saved, so that the log stays as large as the
/// session's compacted input rather than its history; an entry that replaces the ones before it (a change stream's
/// acknowledged time) deletes them once written. Recovery gives the latest snapshot and the entries after it.
/// </summary>
internal sealed class JournalActor : ReceivePersistentActor
{
    private readonly List<byte[]> recovered = [];
    private IActorRef? writer;
    // Snapshots being saved and deletions under way; a Stop, and the session that asked for a snapshot, wait for them.
    private int pending;
    private IActorRef? snapshotter;
    // After a snapshot is saved and while the entries before it are deleted: the sequence number below which snapshots go next.
    private long? olderSnapshots;
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
            Persist(append.Entry, _ =>
            {
                Sender.Tell(JournalProtocol.Written.Instance);
                if (!append.Replaces || LastSequenceNr <= 1)
                    return;
                pending++;
                DeleteMessages(LastSequenceNr - 1);
            });
        });
        Command<JournalProtocol.Snapshot>(snapshot =>
        {
            recovered.Clear();
            pending++;
            SaveSnapshot(snapshot.State);
            snapshotter = Sender;
        });
        // One write at a time: the entries a saved snapshot covers are deleted, then the older snapshots (SQLite has one
        // writer, and a write that finds the database locked waits and retries).
        Command<SaveSnapshotSuccess>(saved =>
        {
            pending++;
            DeleteMessages(saved.Metadata.SequenceNr);
            olderSnapshots = saved.Metadata.SequenceNr - 1;
            Done();
        });
        Command<SaveSnapshotFailure>(failed => Done(failed.Cause, "a snapshot was not saved; the entries before it are kept"));
        Command<DeleteMessagesSuccess>(_ => DeleteOlderSnapshots());
        Command<DeleteSnapshotsSuccess>(_ => Done());
        Command<DeleteMessagesFailure>(failed =>
        {
            Context.GetLogger().Warning(failed.Cause, "Journal {0}: entries covered by a snapshot were not deleted (the next snapshot deletes them).", PersistenceId);
            DeleteOlderSnapshots();
        });
        Command<DeleteSnapshotsFailure>(failed => Done(failed.Cause, "older snapshots were not deleted (the next snapshot deletes them)"));
        Command<JournalProtocol.Stop>(_ =>
        {
            stopping = true;
            if (pending == 0)
                Context.Stop(Self);
        });
    }

    /// <summary>The entries before a snapshot are deleted: deletes the snapshots before it, if it was a snapshot's deletion.</summary>
    private void DeleteOlderSnapshots()
    {
        if (olderSnapshots is { } below)
        {
            olderSnapshots = null;
            pending++;
            DeleteSnapshots(new SnapshotSelectionCriteria(below));
        }
        Done();
    }

    /// <summary>One snapshot or deletion finished (with <paramref name="failure"/> logged, if any); stops when asked to and none is left.</summary>
    private void Done(Exception? failure = null, string? what = null)
    {
        pending--;
        if (failure is not null)
            Context.GetLogger().Warning(failure, "Journal {0}: {1}.", PersistenceId, what);
        if (pending == 0 && snapshotter is not null)
        {
            snapshotter.Tell(JournalProtocol.Written.Instance);
            snapshotter = null;
        }
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
