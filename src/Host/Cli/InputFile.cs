namespace AkkaDifferential.Host.Cli;

/// <summary>
/// A text file named by an option, read line by line as it is used (an edge list may be large). Whatever keeps it
/// from being read — it is missing, a directory, not readable — is a <see cref="CommandLineException"/> that names
/// the file, raised when the file is opened, before any of it is used.
/// </summary>
internal static class InputFile
{
    /// <summary>The lines of <paramref name="path"/>.</summary>
    /// <exception cref="CommandLineException">The file cannot be opened or read.</exception>
    public static IEnumerable<string> ReadLines(string path)
    {
        var reader = Open(path);
        return Lines(reader, path);
    }

    private static StreamReader Open(string path)
    {
        if (Directory.Exists(path))
            throw CommandLineException.InFile(path, "is a directory, not a file");
        try
        {
            return File.OpenText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw CommandLineException.InFile(path, "no such file");
        }
        catch (UnauthorizedAccessException)
        {
            throw CommandLineException.InFile(path, "permission denied");
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or NotSupportedException)
        {
            throw CommandLineException.InFile(path, $"cannot be opened ({ex.Message})");
        }
    }

    private static IEnumerable<string> Lines(StreamReader reader, string path)
    {
        using (reader)
        {
            while (true)
            {
                string? line;
                try
                {
                    line = reader.ReadLine();
                }
                catch (IOException ex)
                {
                    throw CommandLineException.InFile(path, $"cannot be read ({ex.Message})");
                }
                if (line is null)
                    yield break;
                yield return line;
            }
        }
    }
}
