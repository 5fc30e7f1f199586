namespace AkkaDifferential.Operators.Recovery;

/// <summary>
/// An output that resumes after a restart of the driver, with the driver's journal on: a resumable change stream,
/// which journals the times its reader acknowledges and, on the restarted driver, gives only what follows the last.
/// </summary>
internal interface IResumableOutput
{
    /// <summary>
    /// Before the first deployment: opens the output's log in <paramref name="journal"/>, and resumes from what it
    /// recovered (an acknowledged time), holding the dataflow's retention there.
    /// </summary>
    Task OpenJournalAsync(IDataflowJournal journal);
}
