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
/// <para>Frontiers are recomputed only when the frontier of some location's own pointstamps moves; then the minimal
/// pointstamps are propagated along channels and operator summaries to a fixed point (loops terminate because
/// a time that comes around a loop is never less than itself).</para>
/// </remarks>
internal sealed class ProgressTracker
{
    private readonly ProgressGraph graph;
    private readonly Dictionary<Location, int> index = [];
    private readonly Location[] locations;
    private readonly List<(int Target, PathSummary Summary)>[] edges;
    private readonly MutableAntichain<FlatTime>[] pointstamps;
    private Antichain<FlatTime>[] frontiers;
    private readonly int[] depths;
    private bool dirty;

    /// <summary>Creates a tracker for <paramref name="graph"/> with no pointstamps.</summary>
    public ProgressTracker(ProgressGraph graph)
    {
        graph.Validate();
        this.graph = graph;
        var all = new List<Location>();
        for (var op = 0; op < graph.Operators.Count; op++)
        {
            for (var port = 0; port < graph.Operators[op].Inputs; port++) all.Add(Location.Target(op, port));
            for (var port = 0; port < graph.Operators[op].Outputs; port++) all.Add(Location.Source(op, port));
        }
        locations = [.. all];
        for (var i = 0; i < locations.Length; i++) index[locations[i]] = i;
        edges = new List<(int, PathSummary)>[locations.Length];
        for (var i = 0; i < locations.Length; i++) edges[i] = [];
        foreach (var channel in graph.Channels)
            edges[index[channel.Source]].Add((index[channel.Target], PathSummary.Identity));
        for (var op = 0; op < graph.Operators.Count; op++)
        {
            var shape = graph.Operators[op];
            for (var input = 0; input < shape.Inputs; input++)
                for (var output = 0; output < shape.Outputs; output++)
                    if (shape.Summary(input, output) is { } summary)
                        edges[index[Location.Target(op, input)]].Add((index[Location.Source(op, output)], summary));
        }
        depths = new int[locations.Length];
        pointstamps = new MutableAntichain<FlatTime>[locations.Length];
        for (var i = 0; i < pointstamps.Length; i++) pointstamps[i] = new MutableAntichain<FlatTime>();
        frontiers = Propagate();
    }

    /// <summary>The current frontier of the input port <paramref name="target"/>.</summary>
    public Antichain<FlatTime> Frontier(Location target) => frontiers[IndexOf(target)];

    /// <summary>True when no pointstamp is held anywhere: the dataflow has finished.</summary>
    public bool IsQuiescent => Array.TrueForAll(pointstamps, p => p.Frontier.IsEmpty);

    /// <summary>
    /// Applies a batch of pointstamp changes atomically and returns the input ports whose frontier changed, with
    /// their new frontiers.
    /// </summary>
    public IReadOnlyList<(Location Target, Antichain<FlatTime> Frontier)> Apply(IEnumerable<PointstampChange> changes)
    {
        Update(changes);
        return Recompute();
    }

    /// <summary>
    /// Applies a batch of pointstamp changes atomically, without recomputing frontiers; several batches may be
    /// applied before one <see cref="Recompute"/>. Returns true when some location's own frontier moved.
    /// </summary>
    /// <exception cref="ArgumentException">A change names a location outside the graph or a time of the wrong depth; nothing was applied.</exception>
    public bool Update(IEnumerable<PointstampChange> changes)
    {
        var list = changes as IReadOnlyCollection<PointstampChange> ?? [.. changes];
        // Check every change before applying any, so that a malformed batch leaves the state untouched.
        foreach (var change in list)
        {
            var expected = depths[IndexOf(change.Location)];
            if (expected != 0 && change.Time.Length != expected)
                throw new ArgumentException($"Pointstamp at {change.Location} has time {change.Time} of {change.Time.Length} coordinates; times there have {expected}.");
        }
        var moved = false;
        foreach (var group in list.GroupBy(c => c.Location))
        {
            var at = IndexOf(group.Key);
            depths[at] = group.First().Time.Length;
            moved |= pointstamps[at].Update(group.Select(c => (c.Time, c.Delta)));
        }
        dirty |= moved;
        return moved;
    }

    /// <summary>Recomputes the frontiers after <see cref="Update"/>s and returns the input ports whose frontier changed.</summary>
    public IReadOnlyList<(Location Target, Antichain<FlatTime> Frontier)> Recompute()
    {
        if (!dirty)
            return [];
        dirty = false;
        var next = Propagate();
        var changed = new List<(Location, Antichain<FlatTime>)>();
        for (var i = 0; i < locations.Length; i++)
            if (!locations[i].IsSource && !next[i].Equals(frontiers[i]))
                changed.Add((locations[i], next[i]));
        frontiers = next;
        return changed;
    }

    private int IndexOf(Location location) =>
        index.TryGetValue(location, out var i) ? i : throw new ArgumentException($"Location {location} is not in the dataflow graph of {graph.Operators.Count} operators.");

    private Antichain<FlatTime>[] Propagate()
    {
        var result = new Antichain<FlatTime>[locations.Length];
        for (var i = 0; i < result.Length; i++) result[i] = new Antichain<FlatTime>();
        var work = new Stack<(int Location, FlatTime Time)>();
        for (var i = 0; i < pointstamps.Length; i++)
            foreach (var time in pointstamps[i].Frontier.Elements)
                work.Push((i, time));
        while (work.TryPop(out var item))
        {
            if (!result[item.Location].Insert(item.Time))
                continue;
            foreach (var (target, summary) in edges[item.Location])
                work.Push((target, summary.Apply(item.Time)));
        }
        return result;
    }
}
