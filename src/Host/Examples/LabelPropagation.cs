namespace AkkaDifferential.Host.Examples;

/// <summary>
/// Directed label propagation (differential dataflow's <c>algorithms::graphs::propagate</c>): every node that has a
/// label, or is reached along edges from one that has, ends with the smallest label that reaches it. Connected
/// components propagate node ids along both directions of every edge; strongly connected components use it
/// forwards and backwards. Generic in the time, so that it also runs inside another loop.
/// </summary>
internal static class LabelPropagation
{
    /// <summary>
    /// The smallest label of <paramref name="nodes"/> that reaches each node along <paramref name="edges"/>, as
    /// <c>(node, label)</c> pairs of multiplicity one.
    /// </summary>
    public static Collection<(int Node, int Label), TTime, long> Propagate<TTime>(
        Collection<(int Src, int Dst), TTime, long> edges,
        Collection<(int Node, int Label), TTime, long> nodes)
        where TTime : notnull =>
        nodes.Iterate(labels => labels
            .JoinMap(edges.Enter(labels.Scope), static (_, label, dst) => (dst, label))
            .Concat(nodes.Enter(labels.Scope))
            .Min());
}
