using System.Diagnostics;
using System.Linq.Expressions;
using AkkaDifferential.Host.Benchmarks;

namespace AkkaDifferential.Host.Tests.Benchmarks;

/// <summary>The wait for the JIT to settle before measured rounds: it outlasts compilation, and it is bounded.</summary>
public sealed class JitSettlingTests
{
    [Fact]
    public async Task It_waits_while_methods_are_being_compiled_and_then_for_the_quiet_period()
    {
        // A dedicated thread compiles a new method about every 10 ms for 800 ms and records when each was compiled.
        // The wait may end only after a quiet period that really happened: after the last compilation, or after the
        // first gap between two compilations longer than the quiet period (a stall of the thread on a loaded machine).
        var clock = Stopwatch.StartNew();
        var compiledAt = new List<TimeSpan>();
        var started = new ManualResetEventSlim();
        var compiler = new Thread(() =>
        {
            for (var i = 0; clock.Elapsed < TimeSpan.FromMilliseconds(800); i++)
            {
                var lambda = Expression.Lambda<Func<int>>(Expression.Constant(i)).Compile();
                if (lambda() == i)
                    lock (compiledAt) compiledAt.Add(clock.Elapsed);
                started.Set();
                Thread.Sleep(10);
            }
        })
        { IsBackground = true };
        compiler.Start();
        started.Wait(TimeSpan.FromSeconds(10));

        var (waited, methods) = await JitSettling.WaitAsync();
        var returnedAt = clock.Elapsed;
        compiler.Join();

        var settled = compiledAt[^1];
        for (var i = 1; i < compiledAt.Count; i++)
            if (compiledAt[i] - compiledAt[i - 1] > JitSettling.Quiet)
            {
                settled = compiledAt[i - 1];
                break;
            }
        Assert.True(compiledAt.Count >= 5, $"{compiledAt.Count} lambdas compiled");
        Assert.True(methods >= 1, $"{methods} methods compiled during the wait");
        Assert.True(returnedAt >= settled + JitSettling.Quiet,
            $"returned at {returnedAt.TotalMilliseconds} ms; compilation settled at {settled.TotalMilliseconds} ms");
        Assert.True(waited < JitSettling.AtMost + TimeSpan.FromSeconds(2), $"waited {waited.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_quiet_process_waits_about_the_quiet_period()
    {
        await JitSettling.WaitAsync();

        var (waited, _) = await JitSettling.WaitAsync();

        Assert.True(waited >= JitSettling.Quiet, $"returned after {waited.TotalMilliseconds} ms");
        Assert.True(waited < JitSettling.AtMost + TimeSpan.FromSeconds(2), $"waited {waited.TotalMilliseconds} ms");
    }
}
