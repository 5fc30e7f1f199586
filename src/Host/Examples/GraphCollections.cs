namespace AkkaDifferential.Host.Examples;

/// <summary>Small collection operations the graph examples share. Generic in the time, so that they also run inside loops.</summary>
internal static class GraphCollections
{
    /// <summary>The endpoints of the edges, once each.</summary>
    public static Collection<int, TTime, long> Nodes<TTime>(Collection<(int Src, int Dst), TTime, long> edges) where TTime : notnull =>
        edges.Map(static edge => edge.Src).Concat(edges.Map(static edge => edge.Dst)).Distinct();
}
