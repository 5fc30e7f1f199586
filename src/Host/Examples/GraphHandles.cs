namespace AkkaDifferential.Host.Examples;

/// <summary>
/// What a graph dataflow gives <see cref="GraphRounds"/>: the input of edges, the capture and probe of its result
/// (<c>(node, value)</c> pairs, consolidated so that each record changes at most once per time), and an optional
/// <see cref="Start"/> that feeds and closes any other input once the dataflow is deployed.
/// </summary>
internal sealed record GraphHandles(
    InputSession<(int Src, int Dst), long, long> Edges,
    CaptureHandle<(int Node, int Value), long, long> Output,
    ProbeHandle<long> Probe,
    Action? Start = null)
{
    /// <summary>The handles of <paramref name="result"/>, consolidated, captured and probed.</summary>
    public static GraphHandles Create(InputSession<(int Src, int Dst), long, long> edges, Collection<(int Node, int Value), long, long> result, Action? start = null)
    {
        // The result leaves a loop: its changes of one time come from several iterations and may cancel out.
        var consolidated = result.Consolidate();
        return new GraphHandles(edges, consolidated.Capture(), consolidated.Probe(), start);
    }
}
