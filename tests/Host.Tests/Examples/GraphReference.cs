namespace AkkaDifferential.Host.Tests.Examples;

/// <summary>
/// Plain, from-scratch graph algorithms that the dataflows are checked against: breadth-first search, union-find
/// components, Tarjan's strongly connected components, and walks of even and odd length.
/// </summary>
internal static class GraphReference
{
    /// <summary>Hop distances from <paramref name="root"/> (which is at 0 even without edges), sorted by node.</summary>
    public static List<(int Node, int Value)> Bfs(IEnumerable<(int Src, int Dst)> edges, int root, int maxDepth = int.MaxValue)
    {
        var adjacency = edges.ToLookup(e => e.Src, e => e.Dst);
        var distance = new Dictionary<int, int> { [root] = 0 };
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var node))
            if (distance[node] < maxDepth)
                foreach (var next in adjacency[node])
                    if (distance.TryAdd(next, distance[node] + 1))
                        frontier.Enqueue(next);
        return Sorted(distance);
    }

    /// <summary>Each endpoint with the smallest node of its component of the undirected graph, by union-find.</summary>
    public static List<(int Node, int Value)> ConnectedComponents(IEnumerable<(int Src, int Dst)> edges)
    {
        var parent = new Dictionary<int, int>();
        int Find(int x)
        {
            while (parent[x] != x)
                x = parent[x] = parent[parent[x]];
            return x;
        }
        foreach (var (src, dst) in edges)
        {
            parent.TryAdd(src, src);
            parent.TryAdd(dst, dst);
            var (a, b) = (Find(src), Find(dst));
            // The root of a set is its smallest node.
            if (a != b)
                parent[Math.Max(a, b)] = Math.Min(a, b);
        }
        return Sorted(parent.Keys.ToDictionary(n => n, Find));
    }

    /// <summary>Each endpoint with the smallest node of its strongly connected component, by Tarjan's algorithm.</summary>
    public static List<(int Node, int Value)> StronglyConnectedComponents(IEnumerable<(int Src, int Dst)> edges)
    {
        var list = edges.ToList();
        var adjacency = list.ToLookup(e => e.Src, e => e.Dst);
        var nodes = list.SelectMany(e => new[] { e.Src, e.Dst }).Distinct().Order().ToList();
        var index = new Dictionary<int, int>();
        var low = new Dictionary<int, int>();
        var stack = new Stack<int>();
        var onStack = new HashSet<int>();
        var label = new Dictionary<int, int>();

        void Visit(int node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in adjacency[node])
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                    low[node] = Math.Min(low[node], index[next]);
            }
            if (low[node] != index[node])
                return;
            var component = new List<int>();
            int member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            }
            while (member != node);
            var smallest = component.Min();
            foreach (var m in component)
                label[m] = smallest;
        }

        foreach (var node in nodes)
            if (!index.ContainsKey(node))
                Visit(node);
        return Sorted(label);
    }

    /// <summary>The nodes reached from <paramref name="root"/> by walks of even and of odd length.</summary>
    public static (SortedSet<int> Even, SortedSet<int> Odd) EvenOdd(IEnumerable<(int Src, int Dst)> edges, int root)
    {
        var adjacency = edges.ToLookup(e => e.Src, e => e.Dst);
        var reached = new HashSet<(int Node, bool Odd)> { (root, false) };
        var frontier = new Queue<(int Node, bool Odd)>([(root, false)]);
        while (frontier.TryDequeue(out var state))
            foreach (var next in adjacency[state.Node])
                if (reached.Add((next, !state.Odd)))
                    frontier.Enqueue((next, !state.Odd));
        return (new(reached.Where(s => !s.Odd).Select(s => s.Node)), new(reached.Where(s => s.Odd).Select(s => s.Node)));
    }

    private static List<(int Node, int Value)> Sorted(Dictionary<int, int> values) =>
        [.. values.Select(kv => (kv.Key, kv.Value)).Order()];
}
