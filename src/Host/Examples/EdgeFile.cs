using System.Globalization;

namespace AkkaDifferential.Host.Examples;

/// <summary>Reads a whitespace-separated <c>src dst</c> edge list; blank lines and lines starting with '#' are skipped.</summary>
internal static class EdgeFile
{
    /// <exception cref="FormatException">A line is not two integers; the message gives the file and line number.</exception>
    public static List<(int Src, int Dst)> Read(string path)
    {
        var edges = new List<(int, int)>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var text = line.Trim();
            if (text.Length == 0 || text[0] == '#')
                continue;
            var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
                throw new FormatException($"{path}:{number}: expected 'src dst', found '{text}'.");
            edges.Add((ParseNode(parts[0], path, number), ParseNode(parts[1], path, number)));
        }
        return edges;
    }

    /// <summary>A node id read at <paramref name="path"/>:<paramref name="line"/>.</summary>
    /// <exception cref="FormatException"><paramref name="text"/> is not an integer; the message gives the file and line number.</exception>
    public static int ParseNode(string text, string path, int line) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var node)
            ? node
            : throw new FormatException($"{path}:{line}: '{text}' is not a node id (an integer).");
}
