namespace AkkaDifferential.Host.Benchmarks;

/// <summary>
/// The peak resident set of this process, measured per run: Linux lets a process reset its high-water mark (VmHWM,
/// which <see cref="System.Diagnostics.Process.PeakWorkingSet64"/> reads) to what it holds now, by writing <c>5</c> to
/// <c>/proc/self/clear_refs</c>. A run that resets it first measures its own peak, as upstream's programs, one process
/// per run, do; without it the peak of a process that ran several dataflows (warm-up passes, pairs) is the largest of them all.
/// </summary>
internal static class PeakResidentSet
{
    private const string ClearRefs = "/proc/self/clear_refs";

    /// <summary>Resets the high-water mark to the current resident set; where the system does not allow it, the peak stays the process's.</summary>
    public static void Reset()
    {
        if (!OperatingSystem.IsLinux())
            return;
        try
        {
            File.WriteAllText(ClearRefs, "5");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not allowed here: the peak read after the run then spans the process's life, as before.
        }
    }
}
