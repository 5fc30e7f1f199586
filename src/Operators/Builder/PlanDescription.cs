using System.Text;
using AkkaDifferential.Arrangements.Data;

namespace AkkaDifferential.Operators.Builder;

/// <summary>
/// The canonical description of a built dataflow, and its fingerprint: one line for the time type, then one line
/// per operator in order (index, kind, name, each input's source and pact, each output's record, time and difference
/// types, path summaries). Every node builds a definition itself, from its own code; two builds that agree on
/// these lines agree on everything the nodes exchange (operator indices, ports, record types, progress graph), so a
/// deployment carries the lines and each node compares its own with them before it starts instances. Type names are
/// <see cref="Type.ToString"/>: full names with generic arguments, without assembly versions.
/// </summary>
internal sealed class PlanDescription
{
    private PlanDescription(IReadOnlyList<string> lines)
    {
        Lines = lines;
        Fingerprint = XxHash64.Hash(string.Join('\n', lines));
    }

    /// <summary>The description, one line per element.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>XXH64 of the lines joined by newlines: equal descriptions, equal fingerprints, in any process.</summary>
    public ulong Fingerprint { get; }

    /// <summary>The description of <paramref name="plan"/>, a dataflow whose top-level times are <paramref name="time"/>.</summary>
    public static PlanDescription Of(DataflowPlan plan, Type time) =>
        new([$"time {time}", .. plan.Operators.Select(Describe)]);

    /// <summary>The description that a deployment carried.</summary>
    public static PlanDescription FromLines(IReadOnlyList<string> lines) => new(lines);

    /// <summary>
    /// The first line where <paramref name="other"/> differs from this description, said as
    /// "<c>{line}: here '…', there '…'</c>", or null when they are equal.
    /// </summary>
    /// <param name="other">The description to compare with.</param>
    /// <param name="here">Who this description is (the node's own build).</param>
    /// <param name="there">Who <paramref name="other"/> is (the driver's build).</param>
    public string? FirstDifference(PlanDescription other, string here, string there)
    {
        var common = Math.Min(Lines.Count, other.Lines.Count);
        for (var i = 0; i < common; i++)
            if (Lines[i] != other.Lines[i])
                return $"{What(i)}: {here} has '{Lines[i]}', {there} has '{other.Lines[i]}'";
        if (Lines.Count == other.Lines.Count)
            return null;
        return Lines.Count > other.Lines.Count
            ? $"{What(common)}: {here} has '{Lines[common]}', {there} has no more operators ({other.Lines.Count - 1})"
            : $"{What(common)}: {there} has '{other.Lines[common]}', {here} has no more operators ({Lines.Count - 1})";
    }

    private static string What(int line) => line == 0 ? "the time type" : $"operator {line - 1}";

    private static string Describe(OperatorNode node)
    {
        var line = new StringBuilder();
        line.Append(node.Index).Append(' ').Append(node.Kind).Append(" '").Append(node.Name).Append("' in [");
        for (var port = 0; port < node.InputSources.Length; port++)
            line.Append(port == 0 ? "" : ", ").Append(node.InputSources[port]).Append(' ').Append(node.InputPacts[port]);
        line.Append("] out [");
        for (var port = 0; port < node.Outputs.Count; port++)
            line.Append(port == 0 ? "" : ", ").Append(DescribeOutput(node.Outputs[port]));
        line.Append(']');
        if (node.Summaries is { } summaries)
            line.Append(" summaries [").Append(string.Join("; ", summaries.Select(input => string.Join(", ", input.Select(s => s?.ToString() ?? "none"))))).Append(']');
        return line.ToString();
    }

    private static string DescribeOutput(object spec)
    {
        var record = spec.GetType().GetGenericArguments()[0];
        var types = (spec as IDescribedOutput)?.CollectionTypes;
        return types is { } t ? $"{record} at {t.Time} by {t.Diff}" : record.ToString();
    }
}
