namespace AkkaDifferential.Host.Examples;

/// <summary>Small collection operations the graph examples share. Generic in the time, so that they also run inside loops.</summary>
internal static class GraphCollections
{
    /// <summary>The endpoints of the edges, once each.</summary>
    public static Collection<int, TTime, long> Nodes<TTime>(Collection<(int Src, int Dst), TTime, long> edges) where TTime : notnull =>
        edges.Map(static edge => edge.Src).Concat(edges.Map(static edge => edge.Dst)).Distinct();

    /// <summary>For each key, its smallest value, once.</summary>
    public static Collection<(int Key, int Value), TTime, long> MinByKey<TTime>(this Collection<(int Key, int Value), TTime, long> collection)
        where TTime : notnull =>
        // The reducer sees the key's values sorted, with positive multiplicities: the first is the smallest.
        collection.Reduce<int, int, int, TTime, long>(static (_, input, output) => output.Add((input[0].Value, 1L)));
}
