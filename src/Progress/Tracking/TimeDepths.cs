using AkkaDifferential.Progress.Graph;

namespace AkkaDifferential.Progress.Tracking;

/// <summary>
/// How many coordinates the times at each location have. The graph fixes the differences (a channel keeps the depth,
/// a summary changes it by <c>Extend − Truncate</c>), so the locations joined by channels and summaries form groups
/// whose depths are known relative to each other; the first pointstamp in a group fixes them all. A pointstamp whose
/// time has another depth, or one too small for the scopes its times pass through, is refused before it can reach a
/// summary or a comparison that would fail.
/// </summary>
internal sealed class TimeDepths
{
    private readonly LocationGraph graph;
    private readonly int[] group;
    // A location's depth, less its group's offset.
    private readonly int[] relative;
    // Per group: the least offset at which every depth is at least 1 and no summary truncates more than there is.
    private readonly int[] leastOffset;
    private readonly int?[] offset;

    /// <exception cref="ArgumentException">Two paths between the same locations change the depth differently.</exception>
    public TimeDepths(LocationGraph graph)
    {
        this.graph = graph;
        var count = graph.Locations.Length;
        var undirected = new List<(int Other, int Change)>[count];
        for (var i = 0; i < count; i++) undirected[i] = [];
        for (var from = 0; from < count; from++)
            foreach (var (to, summary) in graph.Steps(from))
            {
                undirected[from].Add((to, summary.Extend - summary.Truncate));
                undirected[to].Add((from, summary.Truncate - summary.Extend));
            }

        group = new int[count];
        relative = new int[count];
        Array.Fill(group, -1);
        var least = new List<int>();
        var work = new Stack<int>();
        for (var root = 0; root < count; root++)
        {
            if (group[root] >= 0)
                continue;
            var id = least.Count;
            var bound = int.MinValue;
            group[root] = id;
            work.Push(root);
            while (work.TryPop(out var at))
            {
                bound = Math.Max(bound, 1 - relative[at]);
                foreach (var (_, summary) in graph.Steps(at))
                    bound = Math.Max(bound, summary.Truncate - relative[at]);
                foreach (var (other, change) in undirected[at])
                {
                    var depth = relative[at] + change;
                    if (group[other] < 0)
                    {
                        group[other] = id;
                        relative[other] = depth;
                        work.Push(other);
                    }
                    else if (relative[other] != depth)
                    {
                        throw new ArgumentException(
                            $"The summaries of the graph give the times at {graph.Locations[other]} two depths: {depth - relative[root]} and " +
                            $"{relative[other] - relative[root]} coordinates more than at {graph.Locations[root]}.");
                    }
                }
            }
            least.Add(bound);
        }
        leastOffset = [.. least];
        offset = new int?[least.Count];
    }

    /// <summary>
    /// Checks the depth of <paramref name="time"/> at location number <paramref name="location"/>. The first time in
    /// a group fixes its depths; the group is then added to <paramref name="fixedNow"/>, so that <see cref="Undo"/>
    /// can forget it if its batch is refused.
    /// </summary>
    /// <exception cref="ArgumentException">The time has another depth than the location's, or one too small for the graph.</exception>
    public void Check(int location, FlatTime time, List<int> fixedNow)
    {
        var id = group[location];
        if (offset[id] is { } known)
        {
            if (time.Length != known + relative[location])
                throw new ArgumentException(
                    $"Pointstamp at {graph.Locations[location]} has time {time} of {time.Length} coordinates; times there have {known + relative[location]}.");
            return;
        }
        var proposed = time.Length - relative[location];
        if (proposed < leastOffset[id])
            throw new ArgumentException(
                $"Pointstamp at {graph.Locations[location]} has time {time} of {time.Length} coordinates; the scopes its times pass through need at least {leastOffset[id] + relative[location]}.");
        offset[id] = proposed;
        fixedNow.Add(id);
    }

    /// <summary>Forgets the depths fixed by the groups in <paramref name="fixedNow"/>.</summary>
    public void Undo(List<int> fixedNow)
    {
        foreach (var id in fixedNow)
            offset[id] = null;
    }
}
