using AkkaDifferential.Progress.Frontiers;
using AkkaDifferential.Progress.Graph;
using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Progress.Tests.Tracking;

/// <summary>
/// The reference <see cref="ProgressTracker"/> is checked against: the tracker as it was before propagation became
/// incremental, kept here as a model. It has the same surface and semantics (atomic batches, counts that may go
/// negative, frontiers taken by <see cref="Recompute"/>), but recomputes every frontier from scratch: the minimal
/// positive pointstamps of every location are pushed along channels and operator summaries, one step at a time,
/// until nothing new is minimal anywhere.
/// </summary>
internal sealed class RecomputingTracker
{
    private readonly Location[] locations;
    private readonly Dictionary<Location, int> index = [];
    private readonly List<(int To, PathSummary Summary)>[] steps;
    private readonly MutableAntichain<FlatTime>[] pointstamps;
    private Antichain<FlatTime>[] frontiers;

    public RecomputingTracker(TestGraph graph)
    {
        locations = graph.Locations;
        for (var i = 0; i < locations.Length; i++) index[locations[i]] = i;
        steps = new List<(int, PathSummary)>[locations.Length];
        for (var i = 0; i < locations.Length; i++) steps[i] = [];
        foreach (var channel in graph.Graph.Channels)
            steps[index[channel.Source]].Add((index[channel.Target], PathSummary.Identity));
        for (var op = 0; op < graph.Graph.Operators.Count; op++)
        {
            var shape = graph.Graph.Operators[op];
            for (var input = 0; input < shape.Inputs; input++)
                for (var output = 0; output < shape.Outputs; output++)
                    if (shape.Summary(input, output) is { } summary)
                        steps[index[Location.Target(op, input)]].Add((index[Location.Source(op, output)], summary));
        }
        pointstamps = new MutableAntichain<FlatTime>[locations.Length];
        for (var i = 0; i < pointstamps.Length; i++) pointstamps[i] = new MutableAntichain<FlatTime>();
        frontiers = Propagate();
    }

    public Antichain<FlatTime> Frontier(Location target) => frontiers[index[target]];

    public bool IsQuiescent => Array.TrueForAll(pointstamps, p => p.Frontier.IsEmpty);

    /// <summary>Applies a batch; the caller has checked that it is well formed.</summary>
    public void Update(IEnumerable<PointstampChange> changes)
    {
        foreach (var group in changes.GroupBy(c => c.Location))
            pointstamps[index[group.Key]].Update(group.Select(c => (c.Time, c.Delta)));
    }

    /// <summary>The input ports whose frontier changed since the last call, with their new frontiers.</summary>
    public List<(Location Target, Antichain<FlatTime> Frontier)> Recompute()
    {
        var next = Propagate();
        var changed = new List<(Location, Antichain<FlatTime>)>();
        for (var i = 0; i < locations.Length; i++)
            if (!locations[i].IsSource && !next[i].Equals(frontiers[i]))
                changed.Add((locations[i], next[i]));
        frontiers = next;
        return changed;
    }

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
            foreach (var (to, summary) in steps[item.Location])
                work.Push((to, summary.Apply(item.Time)));
        }
        return result;
    }
}
