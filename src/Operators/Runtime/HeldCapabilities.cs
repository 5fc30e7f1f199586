using AkkaDifferential.Progress.Frontiers;
using AkkaDifferential.Progress.Graph;

namespace AkkaDifferential.Operators.Runtime;

/// <summary>
/// The capabilities an operator instance holds at one output: one per element of an antichain that it moves as its
/// pending work changes. Every move is reported through the activation's progress batch.
/// </summary>
/// <remarks>Starts holding <c>initial</c>: capabilities the operator was given at deployment.</remarks>
internal sealed class HeldCapabilities<TTime>(ProgressBatcher<TTime> progress, Location output, Antichain<TTime>? initial = null)
    where TTime : notnull
{
    private Antichain<TTime> held = initial ?? new();

    /// <summary>Holds exactly the elements of <paramref name="next"/>: takes the new ones, drops the others.</summary>
    public void HoldExactly(Antichain<TTime> next)
    {
        foreach (var time in next.Elements)
            if (!held.Elements.Contains(time))
                progress.Update(output, time, +1);
        foreach (var time in held.Elements)
            if (!next.Elements.Contains(time))
                progress.Update(output, time, -1);
        held = new Antichain<TTime>(next.Elements);
    }
}
