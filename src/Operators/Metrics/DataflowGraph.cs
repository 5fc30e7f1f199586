using System.Globalization;
using System.Text;

namespace AkkaDifferential.Operators.Metrics;

/// <summary>
/// Draws a dataflow's operator graph from a snapshot of its counters: a node per operator (name, kind, records and
/// batches in and out, the trace's size, the frontier and its lag) and an edge per input, from the operator that feeds
/// it. Graphviz renders the DOT text (<c>dot -Tsvg</c>); GitHub, GitLab and most Markdown viewers render Mermaid.
/// </summary>
internal static class DataflowGraph
{
    public static string Render(DataflowSnapshot snapshot, GraphFormat format) => format switch
    {
        GraphFormat.Dot => Dot(snapshot),
        GraphFormat.Mermaid => Mermaid(snapshot),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "A graph is drawn as GraphFormat.Dot or GraphFormat.Mermaid."),
    };

    private static string Dot(DataflowSnapshot snapshot)
    {
        var text = new StringBuilder();
        text.Append("digraph \"").Append(DotEscape(snapshot.Id.Name)).AppendLine("\" {");
        text.AppendLine("  node [shape=box, fontname=\"Helvetica\"];");
        foreach (var op in snapshot.Operators)
            text.Append("  op").Append(op.Index).Append(" [label=\"").Append(string.Join("\\n", Lines(op).Select(DotEscape))).AppendLine("\"];");
        foreach (var (from, to, port) in Edges(snapshot))
        {
            text.Append("  op").Append(from).Append(" -> op").Append(to);
            if (port is { } p)
                text.Append(" [label=\"in ").Append(p).Append("\"]");
            text.AppendLine(";");
        }
        text.AppendLine("}");
        return text.ToString();
    }

    private static string Mermaid(DataflowSnapshot snapshot)
    {
        var text = new StringBuilder();
        text.AppendLine("flowchart TD");
        foreach (var op in snapshot.Operators)
            text.Append("  op").Append(op.Index).Append("[\"").Append(string.Join("<br/>", Lines(op).Select(MermaidEscape))).AppendLine("\"]");
        foreach (var (from, to, port) in Edges(snapshot))
            text.Append("  op").Append(from).Append(port is { } p ? $" -->|in {p}| op" : " --> op").Append(to).AppendLine();
        return text.ToString();
    }

    /// <summary>The counters of every operator as text, an operator a line: what the dataflow logs.</summary>
    public static string Text(DataflowSnapshot snapshot) =>
        $"Dataflow '{snapshot.Id.Name}':" + string.Concat(snapshot.Operators.Select(op => "\n  " + string.Join("; ", Lines(op))));

    /// <summary>The lines of an operator's label.</summary>
    private static IEnumerable<string> Lines(OperatorSnapshot op)
    {
        yield return op.Name == $"{op.Kind}#{op.Index}" ? op.Name : $"{op.Name} ({op.Kind})";
        if (op.Inputs.Count > 0)
            yield return $"in: {Count(op.RecordsIn)} records, {Count(op.BatchesIn)} batches";
        if (op.RecordsOut > 0 || op.Inputs.Count == 0)
            yield return $"out: {Count(op.RecordsOut)} records, {Count(op.BatchesOut)} batches";
        if (op.Arrangement is { } size)
        {
            yield return $"trace: {Count(size.Keys)} keys, {Count(size.Updates)} updates, {Count(size.Batches)} batches";
            if (size.HeldBy is { } reader)
                yield return $"compaction held {size.CompactionLag} back by {reader}";
        }
        if (op.Frontier is { } frontier)
            yield return op.Lag is { } lag ? $"frontier {frontier}, lag {lag}" : $"frontier {frontier}";
    }

    /// <summary>Every input of every operator: the operator feeding it, the operator, and the port where it has more than one.</summary>
    private static IEnumerable<(int From, int To, int? Port)> Edges(DataflowSnapshot snapshot)
    {
        foreach (var op in snapshot.Operators)
            for (var port = 0; port < op.Inputs.Count; port++)
                yield return (op.Inputs[port], op.Index, op.Inputs.Count > 1 ? port : null);
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string DotEscape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"");

    private static string MermaidEscape(string text) =>
        text.Replace("&", "#amp;").Replace("\"", "#quot;").Replace("<", "#lt;").Replace(">", "#gt;");
}
