using System.Diagnostics;

namespace AkkaDifferential.Host.Cluster;

/// <summary>
/// How to run a command of this host in a child process: this executable when it runs as its own apphost, else the
/// Host assembly under <c>dotnet</c> (the process is <c>dotnet</c> itself, or a test host that loaded the assembly).
/// </summary>
internal static class HostProcess
{
    /// <summary>A start description of the host with <paramref name="args"/>, its output redirected (its error output too with <paramref name="redirectError"/>).</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args, bool redirectError)
    {
        var assembly = typeof(HostProcess).Assembly.Location;
        var self = Environment.ProcessPath;
        var asApphost = self is not null && Path.GetFileNameWithoutExtension(self) == Path.GetFileNameWithoutExtension(assembly);
        var start = new ProcessStartInfo(asApphost ? self! : DotnetOf(self))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = redirectError,
            UseShellExecute = false,
        };
        if (!asApphost)
        {
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(assembly);
        }
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        return start;
    }

    /// <summary>The <c>dotnet</c> that runs this process when it is one, else the one on the path.</summary>
    private static string DotnetOf(string? self) =>
        self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
}
