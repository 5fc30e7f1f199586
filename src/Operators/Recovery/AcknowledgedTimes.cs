using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Operators.Recovery;

/// <summary>
/// The times that the readers of a dataflow's resumable change streams have acknowledged, with the driver's journal
/// on (docs/journal.md). Each is a hold on the dataflow's retention: input sessions compact what they retain (and
/// journal) only to times at or below every acknowledged time, so that a driver that restarts rebuilds every output
/// exactly at each acknowledged time and after it, and a stream resumes there without a change missing or repeated.
/// A stream holds the retention at the minimum time until it acknowledges one. Thread-safe.
/// </summary>
internal sealed class AcknowledgedTimes
{
    private readonly List<FlatTime> holds = [];

    /// <summary>Adds a hold at <paramref name="time"/> (the minimum, or the time a stream acknowledged before a restart); returns its slot.</summary>
    public int Add(FlatTime time)
    {
        lock (holds)
        {
            holds.Add(time);
            return holds.Count - 1;
        }
    }

    /// <summary>Moves the hold in <paramref name="slot"/> to <paramref name="time"/>, a time acknowledged and journaled.</summary>
    public void Move(int slot, FlatTime time)
    {
        lock (holds)
            holds[slot] = time;
    }

    /// <summary>
    /// <paramref name="frontier"/> lowered to every hold: the meet of each of its elements with each hold, so that
    /// every element is at or below every acknowledged time. An empty frontier (compact nothing) stays empty.
    /// </summary>
    public FlatTime[] Hold(FlatTime[] frontier)
    {
        lock (holds)
        {
            if (holds.Count == 0 || frontier.Length == 0)
                return frontier;
            IEnumerable<FlatTime> lowered = frontier;
            foreach (var hold in holds)
                lowered = [.. lowered.Select(element => FlatTime.Meet(element, hold))];
            return [.. new Antichain<FlatTime>(lowered).Elements];
        }
    }
}
