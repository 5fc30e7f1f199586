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
    /// <summary>
    /// How many times a warm-up runs its workload, each run followed by <see cref="WaitAsync"/>: three, one per
    /// tier a hot method climbs (tier 0, instrumented tier 0, tier 1).
    /// </summary>
    /// <remarks>
    /// The runtime starts counting a tier-0 method's calls only once no method has been compiled at tier 0 for a
    /// while (<c>TC_CallCountingDelayMs</c>, 100 ms), and promotes it after 30 counted calls; the instrumented code
    /// it is promoted to is counted and promoted the same way. A run that compiles new code all along (a warm-up's
    /// first) leaves its methods at tier 0, and a wait that calls nothing promotes nothing, so each climb needs a
    /// run after a quiet moment. Measured (the runtime's <c>JitDisasmSummary</c> of <c>bench hello --batch 100</c>
    /// at 816f030): after one pass, <c>InputSession.Insert</c>, <c>OutputPort.Give</c>, <c>UpdateBuilder.Add</c>
    /// and the progress tracker's <c>Imply</c> were still tier 0 when the measured load started and instrumented
    /// tier 0 during its rounds, 913 methods of the rounds reached tier 1 only after them, and the rounds of the
    /// first of three runs took 0.7–4 ms against 0.16–0.21 ms in the third.
    /// </remarks>
    public const int WarmupPasses = 3;

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
