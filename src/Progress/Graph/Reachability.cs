namespace AkkaDifferential.Progress.Graph;

/// <summary>
/// For every location of a graph, the input ports its pointstamps can reach and the minimal summaries of the paths
/// to each: what a time at the location becomes, at the least, when it gets there. Computed once per graph, by a
/// walk from each location that extends paths one step at a time and keeps, per location reached, the antichain of
/// the summaries found so far; a path is extended only when its summary entered that antichain. Going around a loop
/// never makes a summary smaller, so the walk reaches a fixed point (see <see cref="CompositeSummary"/>).
/// </summary>
/// <remarks>
/// The summaries of one origin are stored once each (the paths to most ports of a scope share one), so that a
/// tracker applies each to a time once, whatever the number of ports it leads to.
/// </remarks>
internal sealed class Reachability
{
    private readonly int[] firstSummary;
    private readonly CompositeSummary[] summaries;
    private readonly int[] firstPath;
    private readonly int[] pathTarget;
    private readonly int[] pathSummary;

    /// <summary>Walks <paramref name="graph"/> from each of its locations.</summary>
    public Reachability(LocationGraph graph)
    {
        var count = graph.Locations.Length;
        firstSummary = new int[count + 1];
        firstPath = new int[count + 1];
        var allSummaries = new List<CompositeSummary>();
        var targets = new List<int>();
        var indexes = new List<int>();
        var reached = new List<CompositeSummary>?[count];
        var visited = new List<int>();
        var work = new Queue<(int Location, CompositeSummary Summary)>();
        for (var origin = 0; origin < count; origin++)
        {
            firstSummary[origin] = allSummaries.Count;
            firstPath[origin] = targets.Count;
            Reach(origin, CompositeSummary.Identity, reached, visited, work);
            while (work.TryDequeue(out var item))
            {
                // A summary pushed out of the antichain since is dominated by one whose paths are walked instead.
                if (!reached[item.Location]!.Contains(item.Summary))
                    continue;
                foreach (var (to, step) in graph.Steps(item.Location))
                    Reach(to, item.Summary.Then(step), reached, visited, work);
            }
            foreach (var location in visited)
            {
                if (!graph.Locations[location].IsSource)
                    foreach (var summary in reached[location]!)
                    {
                        var index = allSummaries.IndexOf(summary, firstSummary[origin]);
                        if (index < 0)
                        {
                            index = allSummaries.Count;
                            allSummaries.Add(summary);
                        }
                        targets.Add(location);
                        indexes.Add(index - firstSummary[origin]);
                    }
                reached[location] = null;
            }
            visited.Clear();
        }
        firstSummary[count] = allSummaries.Count;
        firstPath[count] = targets.Count;
        summaries = [.. allSummaries];
        pathTarget = [.. targets];
        pathSummary = [.. indexes];
    }

    /// <summary>The distinct minimal summaries of the paths from <paramref name="origin"/> to the input ports it reaches.</summary>
    public ReadOnlySpan<CompositeSummary> Summaries(int origin) =>
        summaries.AsSpan(firstSummary[origin], firstSummary[origin + 1] - firstSummary[origin]);

    /// <summary>The input ports reached from <paramref name="origin"/>, one entry per minimal summary.</summary>
    public ReadOnlySpan<int> Targets(int origin) => pathTarget.AsSpan(firstPath[origin], firstPath[origin + 1] - firstPath[origin]);

    /// <summary>Beside each of <see cref="Targets"/>, the index of its summary in <see cref="Summaries"/>.</summary>
    public ReadOnlySpan<int> SummaryIndexes(int origin) => pathSummary.AsSpan(firstPath[origin], firstPath[origin + 1] - firstPath[origin]);

    private static void Reach(int location, CompositeSummary summary, List<CompositeSummary>?[] reached, List<int> visited, Queue<(int, CompositeSummary)> work)
    {
        var antichain = reached[location];
        if (antichain is null)
        {
            reached[location] = antichain = [];
            visited.Add(location);
        }
        foreach (var existing in antichain)
            if (existing.LessEqual(summary))
                return;
        antichain.RemoveAll(existing => summary.LessEqual(existing));
        antichain.Add(summary);
        work.Enqueue((location, summary));
    }
}
