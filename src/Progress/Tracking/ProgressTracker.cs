using System.Runtime.InteropServices;
using AkkaDifferential.Progress.Frontiers;
using AkkaDifferential.Progress.Graph;

namespace AkkaDifferential.Progress.Tracking;

/// <summary>
/// The progress state of one dataflow: pointstamp counts at every location and, derived from them through the
/// graph's path summaries, the frontier of every operator input — the least times at which records may still
/// arrive there. The tracker is plain state; the frontier actor (in the runtime layer) owns one per dataflow.
/// </summary>
/// <remarks>
/// <para>Counts from different senders may arrive in any order and go negative for a while. That is safe because
/// every sender reports a message it sent in the same batch as, or before, dropping the pointstamp that let it
/// send: until that batch arrives, the older pointstamp upstream still holds the frontier back.</para>
/// <para>Propagation is incremental, as in timely's <c>reachability.rs</c>. Each location keeps the counts of its own
/// pointstamps; each input port also keeps its <em>implications</em>: the multiset of the times that pointstamps
/// anywhere imply there, one per frontier element of a location that reaches it and minimal summary of the paths
/// between them (<see cref="Reachability"/>, computed once per graph, loops included). Its frontier is the port's.
/// A batch changes counts; only the locations whose own frontier moved push the elements that left (−1) and entered
/// (+1) it along their summaries, and only the ports whose implications' frontier may have moved are looked at when
/// frontiers are taken. Implications hold only frontier elements, never a transiently negative count.</para>
/// </remarks>
internal sealed class ProgressTracker
{
    private static readonly IReadOnlyList<(Location Target, Antichain<FlatTime> Frontier)> NoChanges = [];

    private readonly LocationGraph graph;
    private readonly Reachability reachability;
    private readonly TimeDepths depths;
    private readonly MutableAntichain<FlatTime>[] pointstamps;
    private readonly MutableAntichain<FlatTime>?[] implications;
    private readonly Antichain<FlatTime>?[] published;
    // Per location whose paths change times: for each of its frontier elements, the times it implies, by summary.
    private readonly List<(FlatTime Time, FlatTime[] Implied)>?[] implied;
    // Scratch of one update: the changes' locations, those whose own frontier may have moved, their frontier
    // changes, the depth groups the update fixed.
    private readonly List<int> indexes = [];
    private readonly List<int> moved = [];
    private readonly List<(FlatTime Time, long Delta)> frontierChanges = [];
    private readonly List<int> fixedNow = [];
    // Input ports whose implications may have a new frontier, since frontiers were last taken.
    private readonly List<int> dirty = [];
    private int held;
    private long queued;

    /// <summary>Creates a tracker for <paramref name="graph"/> with no pointstamps.</summary>
    /// <exception cref="ArgumentException">The graph is malformed (see <see cref="ProgressGraph.Validate"/>), or its summaries disagree on the depth of the times at some location.</exception>
    public ProgressTracker(ProgressGraph graph)
    {
        graph.Validate();
        this.graph = new LocationGraph(graph);
        depths = new TimeDepths(this.graph);
        reachability = new Reachability(this.graph);
        var count = this.graph.Locations.Length;
        pointstamps = new MutableAntichain<FlatTime>[count];
        implications = new MutableAntichain<FlatTime>?[count];
        published = new Antichain<FlatTime>?[count];
        implied = new List<(FlatTime, FlatTime[])>?[count];
        for (var i = 0; i < count; i++)
        {
            pointstamps[i] = new MutableAntichain<FlatTime>();
            if (!this.graph.Locations[i].IsSource)
            {
                implications[i] = new MutableAntichain<FlatTime>();
                published[i] = new Antichain<FlatTime>();
            }
            var summaries = reachability.Summaries(i);
            if (summaries.Length > 1 || (summaries.Length == 1 && !summaries[0].IsIdentity))
                implied[i] = [];
        }
    }

    /// <summary>The frontier of the input port <paramref name="target"/>, as of the last <see cref="Recompute"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="target"/> is not an input port of the graph.</exception>
    public Antichain<FlatTime> Frontier(Location target) =>
        published[graph.IndexOf(target)] ?? throw new ArgumentException($"Location {target} is an output port; frontiers are kept for input ports.");

    /// <summary>True when no pointstamp is held anywhere: the dataflow has finished.</summary>
    public bool IsQuiescent => held == 0;

    /// <summary>
    /// The messages sent to operator inputs and not yet consumed, at any time: the sum of the pointstamp counts at
    /// input ports, where only messages hold pointstamps (capabilities are at outputs). What a dataflow's mailboxes hold
    /// (and the network carries) as far as the reports that reached the tracker tell; for a while it may count a
    /// message consumed before it counts it sent.
    /// </summary>
    public long Queued => queued;

    /// <summary>
    /// Applies a batch of pointstamp changes atomically and returns the input ports whose frontier changed, with
    /// their new frontiers.
    /// </summary>
    /// <exception cref="ArgumentException">A change names a location outside the graph or a time of the wrong depth; nothing was applied.</exception>
    public IReadOnlyList<(Location Target, Antichain<FlatTime> Frontier)> Apply(IEnumerable<PointstampChange> changes)
    {
        Update(changes);
        return Recompute();
    }

    /// <summary>
    /// Applies a batch of pointstamp changes atomically and propagates them, without taking the new frontiers; several
    /// batches may be applied before one <see cref="Recompute"/>. Returns true when the frontier of some input port
    /// may have moved since frontiers were last taken.
    /// </summary>
    /// <exception cref="ArgumentException">A change names a location outside the graph or a time of the wrong depth; nothing was applied.</exception>
    public bool Update(IEnumerable<PointstampChange> changes)
    {
        ReadOnlySpan<PointstampChange> batch = changes switch
        {
            PointstampChange[] array => array,
            List<PointstampChange> list => CollectionsMarshal.AsSpan(list),
            _ => [.. changes],
        };
        Validate(batch);
        for (var i = 0; i < batch.Length; i++)
        {
            var at = indexes[i];
            if (!graph.Locations[at].IsSource)
                queued += batch[i].Delta;
            if (pointstamps[at].UpdateDeferred(batch[i].Time, batch[i].Delta))
                moved.Add(at);
        }
        foreach (var at in moved)
        {
            frontierChanges.Clear();
            pointstamps[at].Rebuild(frontierChanges);
            foreach (var (time, delta) in frontierChanges)
            {
                held += (int)delta;
                Push(at, time, delta);
            }
        }
        moved.Clear();
        return dirty.Count > 0;
    }

    /// <summary>Takes the frontiers after <see cref="Update"/>s and returns the input ports whose frontier changed since they were last taken.</summary>
    public IReadOnlyList<(Location Target, Antichain<FlatTime> Frontier)> Recompute()
    {
        if (dirty.Count == 0)
            return NoChanges;
        List<(Location, Antichain<FlatTime>)>? changed = null;
        foreach (var target in dirty)
        {
            var frontier = implications[target]!.Frontier;
            var previous = published[target]!;
            published[target] = frontier;
            if (!ReferenceEquals(frontier, previous) && !frontier.Equals(previous))
                (changed ??= []).Add((graph.Locations[target], frontier));
        }
        dirty.Clear();
        return changed ?? NoChanges;
    }

    /// <summary>
    /// Checks every change before any is applied, so that a malformed batch leaves the state untouched, and numbers
    /// their locations in <see cref="indexes"/>.
    /// </summary>
    private void Validate(ReadOnlySpan<PointstampChange> batch)
    {
        indexes.Clear();
        try
        {
            foreach (var change in batch)
            {
                var at = graph.IndexOf(change.Location);
                depths.Check(at, change.Time, fixedNow);
                indexes.Add(at);
            }
        }
        catch (ArgumentException)
        {
            depths.Undo(fixedNow);
            throw;
        }
        finally
        {
            fixedNow.Clear();
        }
    }

    /// <summary>Adds <paramref name="delta"/> copies of what the frontier element <paramref name="time"/> of <paramref name="origin"/> implies to the ports it reaches.</summary>
    private void Push(int origin, FlatTime time, long delta)
    {
        var targets = reachability.Targets(origin);
        var summaryIndexes = reachability.SummaryIndexes(origin);
        if (implied[origin] is not { } elements)
        {
            // Every path from here leaves times as they are.
            foreach (var target in targets)
                Imply(target, time, delta);
            return;
        }
        var times = delta > 0 ? Implied(origin, time, elements) : Forget(time, elements);
        for (var i = 0; i < targets.Length; i++)
            Imply(targets[i], times[summaryIndexes[i]], delta);
    }

    private void Imply(int target, FlatTime time, long delta)
    {
        if (implications[target]!.UpdateDeferred(time, delta))
            dirty.Add(target);
    }

    /// <summary>The times a new frontier element implies, by summary; kept until it leaves, to push the same times back.</summary>
    private FlatTime[] Implied(int origin, FlatTime time, List<(FlatTime Time, FlatTime[] Implied)> elements)
    {
        var summaries = reachability.Summaries(origin);
        var times = new FlatTime[summaries.Length];
        for (var i = 0; i < times.Length; i++)
            times[i] = summaries[i].Apply(time);
        elements.Add((time, times));
        return times;
    }

    private static FlatTime[] Forget(FlatTime time, List<(FlatTime Time, FlatTime[] Implied)> elements)
    {
        for (var i = 0; i < elements.Count; i++)
            if (elements[i].Time.Equals(time))
            {
                var times = elements[i].Implied;
                elements[i] = elements[^1];
                elements.RemoveAt(elements.Count - 1);
                return times;
            }
        throw new InvalidOperationException($"The frontier element {time} left a frontier it had not entered.");
    }
}
