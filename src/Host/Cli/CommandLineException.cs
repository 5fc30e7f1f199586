namespace AkkaDifferential.Host.Cli;

/// <summary>
/// Bad input to a command: an option that is unknown, missing its value or out of range, or a file it names that
/// cannot be read or holds a malformed line. The message is what the command prints after <c>error: </c>:
/// <c>--buckets must be a whole number ≥ 1, but is '0'</c>, or <c>g.txt:3: expected 'src dst', found '1'</c>.
/// </summary>
internal sealed class CommandLineException(string message) : Exception(message)
{
    /// <summary>A problem at line <paramref name="line"/> of <paramref name="path"/>.</summary>
    public static CommandLineException AtLine(string path, int line, string what) => new($"{path}:{line}: {what}");

    /// <summary>A problem with the file <paramref name="path"/> as a whole.</summary>
    public static CommandLineException InFile(string path, string what) => new($"{path}: {what}");
}
