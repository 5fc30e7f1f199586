using System.Diagnostics;

namespace AkkaDifferential.Host.Tests.Cli;

/// <summary>
/// The host as a process, as a user runs it: bad input ends it with exit code 2 and one error line (where a
/// directory given as a file used to end it with an unhandled exception and exit code 134).
/// </summary>
public sealed class ProgramTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("cli-process-");

    [Fact]
    public async Task A_directory_given_as_the_edge_file_is_an_error_line_and_exit_code_2()
    {
        var (code, output, error) = await Run("bfs", "--edges", directory.FullName);

        Assert.Equal($"error: {directory.FullName}: is a directory, not a file", error.TrimEnd());
        Assert.Equal(2, code);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task A_node_id_beyond_the_integer_range_and_zero_buckets_are_error_lines_and_exit_code_2()
    {
        var edges = Path.Combine(directory.FullName, "edges.txt");
        await File.WriteAllLinesAsync(edges, ["1 4294967296"]);

        var (code, _, error) = await Run("cc", "--edges", edges);
        Assert.Equal($"error: {edges}:1: node id '4294967296' is out of range (node ids are from -2147483648 to 2147483647)", error.TrimEnd());
        Assert.Equal(2, code);

        (code, _, error) = await Run("words", "--buckets", "0");
        Assert.Equal("error: --buckets must be a whole number ≥ 1, but is '0'", error.TrimEnd());
        Assert.Equal(2, code);
    }

    public void Dispose() => directory.Delete(recursive: true);

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "AkkaDifferential.Host.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(host);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(Timeout);
        return (process.ExitCode, await output, await error);
    }
}
