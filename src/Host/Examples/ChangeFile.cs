using AkkaDifferential.Host.Cli;

namespace AkkaDifferential.Host.Examples;

/// <summary>
/// One change of a graph's edge multiset: <see cref="Diff"/> is +1 (insert a copy of the edge) or -1 (remove one).
/// <see cref="Line"/> is the line of the change file it was read from, or 0 for a generated change.
/// </summary>
internal readonly record struct EdgeChange(int Src, int Dst, int Diff, int Line = 0)
{
    /// <summary>The changed edge.</summary>
    public (int Src, int Dst) Edge => (Src, Dst);

    /// <inheritdoc/>
    public override string ToString() => $"{(Diff > 0 ? '+' : '-')} {Src} {Dst}";
}

/// <summary>
/// Reads a change file: rounds of <c>+ src dst</c> (insert) and <c>- src dst</c> (remove) lines, one round per
/// logical time, separated by blank lines. Several blank lines separate as one; lines starting with '#' are
/// comments and separate nothing.
/// </summary>
internal static class ChangeFile
{
    /// <exception cref="CommandLineException">
    /// The file cannot be read, holds no change, or a line is not a change; the message gives the file (and line).
    /// </exception>
    public static List<List<EdgeChange>> Read(string path)
    {
        var rounds = new List<List<EdgeChange>>();
        List<EdgeChange>? round = null;
        var number = 0;
        foreach (var line in InputFile.ReadLines(path))
        {
            number++;
            var text = line.Trim();
            if (text.Length == 0)
            {
                round = null;
                continue;
            }
            if (text[0] == '#')
                continue;
            var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 3 || parts[0] is not ("+" or "-"))
                throw CommandLineException.AtLine(path, number, $"expected '+ src dst' or '- src dst', found '{text}'");
            if (round is null)
                rounds.Add(round = []);
            round.Add(new EdgeChange(EdgeFile.ParseNode(parts[1], path, number), EdgeFile.ParseNode(parts[2], path, number), parts[0] == "+" ? 1 : -1, number));
        }
        if (rounds.Count == 0)
            throw CommandLineException.InFile(path, "no changes (expected rounds of '+ src dst' and '- src dst' lines, separated by blank lines)");
        return rounds;
    }
}
