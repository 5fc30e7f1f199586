using AkkaDifferential.Progress.Graph;

namespace AkkaDifferential.Operators.Runtime;

/// <summary>
/// The capabilities an operator instance holds at one output: one per element of an antichain that it moves as its
/// pending work changes. Every move is reported through the activation's progress batch.
/// </summary>
/// <remarks>
/// <para>Starts holding <c>initial</c>: capabilities the operator was given at deployment.</para>
/// <para>A capability can only be taken at a time ≥ one the operator holds, or ≥ a time of the batch it is
/// processing (whose pointstamp is released in the same report): any other time may already have been passed by
/// the frontiers downstream, and holding it would move them back. Such a move is a bug in the operator and is
/// refused with an exception that names the times, rather than let a frontier regress.</para>
/// </remarks>
internal sealed class HeldCapabilities<TTime>(ProgressBatcher<TTime> progress, Location output, Antichain<TTime>? initial = null)
    where TTime : notnull
{
    private Antichain<TTime> held = initial ?? new();

    /// <summary>The times held.</summary>
    public IReadOnlyList<TTime> Held => held.Elements;

    /// <summary>
    /// Holds exactly the elements of <paramref name="next"/>: takes the new ones, drops the others.
    /// <paramref name="processing"/> are the minimal times of the batch being processed, if any.
    /// </summary>
    /// <exception cref="InvalidOperationException">A new element is ≥ neither a held capability nor a time of <paramref name="processing"/>.</exception>
    public void HoldExactly(Antichain<TTime> next, IReadOnlyList<TTime>? processing = null)
    {
        foreach (var time in next.Elements)
            if (!held.LessEqual(time) && (processing is null || !Lattice.AnyLessEqual<TTime>([.. processing], time)))
                throw new InvalidOperationException(
                    $"A capability at {time} was asked for at {output}, which holds {held} and is processing a batch at {{{string.Join(", ", processing ?? [])}}}: it is derived from neither, so frontiers may already have passed it.");
        foreach (var time in next.Elements)
            if (!held.Elements.Contains(time))
                progress.Update(output, time, +1);
        foreach (var time in held.Elements)
            if (!next.Elements.Contains(time))
                progress.Update(output, time, -1);
        held = new Antichain<TTime>(next.Elements);
    }
}
