using System.Globalization;
using AkkaDifferential.Host.Cli;

namespace AkkaDifferential.Host.Examples;

/// <summary>Reads a whitespace-separated <c>src dst</c> edge list; blank lines and lines starting with '#' are skipped.</summary>
internal static class EdgeFile
{
    /// <exception cref="CommandLineException">
    /// The file cannot be read, holds no edge, or a line is not two node ids; the message gives the file (and line).
    /// </exception>
    public static List<(int Src, int Dst)> Read(string path)
    {
        var edges = new List<(int, int)>();
        var number = 0;
        foreach (var line in InputFile.ReadLines(path))
        {
            number++;
            var text = line.Trim();
            if (text.Length == 0 || text[0] == '#')
                continue;
            var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
                throw CommandLineException.AtLine(path, number, $"expected 'src dst', found '{text}'");
            edges.Add((ParseNode(parts[0], path, number), ParseNode(parts[1], path, number)));
        }
        if (edges.Count == 0)
            throw CommandLineException.InFile(path, "no edges (expected lines of 'src dst')");
        return edges;
    }

    /// <summary>A node id read at <paramref name="path"/>:<paramref name="line"/>.</summary>
    /// <exception cref="CommandLineException"><paramref name="text"/> is not a whole number in the range of node ids.</exception>
    public static int ParseNode(string text, string path, int line)
    {
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var node))
            return node;
        if (text.TrimStart('-', '+') is { Length: > 0 } digits && digits.All(char.IsAsciiDigit))
            throw CommandLineException.AtLine(path, line, $"node id '{text}' is out of range (node ids are from {int.MinValue} to {int.MaxValue})");
        throw CommandLineException.AtLine(path, line, $"'{text}' is not a node id (a whole number)");
    }
}
