using AkkaDifferential.Operators.Dataflows;

namespace AkkaDifferential.Operators.Recovery;

/// <summary>
/// An input session as its dataflow's owner sees it when the dataflow redeploys: it stops sending when an
/// incarnation is lost, keeps accepting updates (which it retains), and replays what it retained to the next one.
/// </summary>
internal interface IRecoverableInput
{
    /// <summary>The dataflow lost its incarnation: send nothing more to it; updates accepted from now on are retained only.</summary>
    void Detach();

    /// <summary>
    /// Sends the retained updates to <paramref name="incarnation"/> (a new deployment of the dataflow, whose input
    /// holds its capability at the minimum time), then moves the session's capability there to where it was, or
    /// releases it when the session was closed; from then on the session sends there. An incarnation not newer than
    /// the one the session sends to is ignored.
    /// </summary>
    void Replay(DeployedDataflow incarnation);

    /// <summary>
    /// Before the first deployment, with the driver's journal on: opens the session's log in <paramref name="journal"/>
    /// and takes what it recovered as what the session had accepted (retained, replayed to the first incarnation).
    /// </summary>
    Task OpenJournalAsync(IDataflowJournal journal);
}
