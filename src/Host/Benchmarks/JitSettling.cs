using System.Diagnostics;
using System.Runtime;

namespace AkkaDifferential.Host.Benchmarks;

/// <summary>
/// Waits until the JIT compiler has stopped compiling: tiered compilation promotes hot methods (tier 0, then
/// instrumented, then optimized tier 1) on a background thread some time after they got hot, so a phase that just
/// ran new code (the warm-up, a load of a large graph) leaves compilations queued that would otherwise run during
/// the next measured rounds, on the same cores, with the measured code still at its earlier tier.
/// </summary>
internal static class JitSettling
{
    /// <summary>How long no method may be compiled for the JIT to count as settled.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest wait: a process that keeps compiling (a timer's first calls, say) is measured anyway.</summary>
    public static readonly TimeSpan AtMost = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// Returns once no method has been compiled for <see cref="Quiet"/>, or after <see cref="AtMost"/>: how long it
    /// waited and how many methods were compiled meanwhile.
    /// </summary>
    public static async Task<(TimeSpan Waited, long Compiled)> WaitAsync()
    {
        var clock = Stopwatch.StartNew();
        var first = JitInfo.GetCompiledMethodCount();
        var count = first;
        var lastChange = TimeSpan.Zero;
        while (clock.Elapsed - lastChange < Quiet && clock.Elapsed < AtMost)
        {
            await Task.Delay(Poll);
            var now = JitInfo.GetCompiledMethodCount();
            if (now != count)
            {
                count = now;
                lastChange = clock.Elapsed;
            }
        }
        return (clock.Elapsed, count - first);
    }
}
