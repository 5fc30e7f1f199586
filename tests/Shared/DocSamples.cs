namespace AkkaDifferential.Docs;

/// <summary>
/// Keeps a document's code samples compiled: every <c>```csharp</c> block of a Markdown file (under <c>docs/</c>, or
/// the README) must appear, line for line (ignoring indentation and blank lines), in a C# file that a test project
/// compiles and runs; the <c>using</c> directives a block starts with, which a file can only have at its top, must be
/// among the lines of the files. Linked into the test projects whose docs it checks.
/// </summary>
internal static class DocSamples
{
    /// <summary>
    /// The blocks of <paramref name="document"/> (relative to the repository) that do not appear in
    /// <paramref name="sources"/> (relative to the repository), each with its first line; empty when all do.
    /// </summary>
    /// <exception cref="InvalidOperationException">The document has no C# block: a check that could not fail.</exception>
    public static List<string> Missing(string document, params string[] sources)
    {
        var root = Root();
        var blocks = Blocks(File.ReadAllLines(Path.Combine(root, document)));
        if (blocks.Count == 0)
            throw new InvalidOperationException($"{document} has no ```csharp block to check.");
        var code = sources.SelectMany(source => Normalize(File.ReadAllLines(Path.Combine(root, source)))).ToList();
        return [.. blocks.Where(block => !Contains(code, block)).Select(block => $"{document}: the block starting '{block[0]}'")];
    }

    private static List<List<string>> Blocks(string[] lines)
    {
        var blocks = new List<List<string>>();
        List<string>? current = null;
        foreach (var line in lines)
        {
            if (current is null && line.TrimStart().StartsWith("```csharp", StringComparison.Ordinal))
                current = [];
            else if (current is not null && line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                blocks.Add(Normalize(current));
                current = null;
            }
            else
                current?.Add(line);
        }
        return blocks;
    }

    private static List<string> Normalize(IEnumerable<string> lines) =>
        [.. lines.Select(line => line.Trim()).Where(line => line.Length > 0)];

    private static bool Contains(List<string> code, List<string> block)
    {
        var usings = block.TakeWhile(line => line.StartsWith("using ", StringComparison.Ordinal) && !line.StartsWith("using var ", StringComparison.Ordinal) && line.EndsWith(';')).ToList();
        if (!usings.All(code.Contains))
            return false;
        block = block[usings.Count..];
        for (var start = 0; start + block.Count <= code.Count; start++)
            if (block.Select((line, i) => code[start + i] == line).All(same => same))
                return true;
        return false;
    }

    /// <summary>The repository root: the first folder above the test's binaries holding the solution.</summary>
    private static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "AkkaDifferential.sln")))
                return directory.FullName;
        throw new InvalidOperationException($"No AkkaDifferential.sln above {AppContext.BaseDirectory}.");
    }
}
