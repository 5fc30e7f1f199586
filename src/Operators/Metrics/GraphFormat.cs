namespace AkkaDifferential;

/// <summary>How <see cref="Dataflow{THandles}.Describe"/> draws a dataflow's operator graph.</summary>
public enum GraphFormat
{
    /// <summary>Graphviz DOT (<c>dot -Tsvg graph.dot -o graph.svg</c>).</summary>
    Dot,

    /// <summary>A Mermaid flowchart, which Markdown viewers such as GitHub's render in a <c>```mermaid</c> block.</summary>
    Mermaid,
}
