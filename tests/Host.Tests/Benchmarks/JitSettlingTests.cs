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
        // A new method compiled every 40 ms for 800 ms: the wait cannot end before the last one plus the quiet period.
        var compiling = Stopwatch.StartNew();
        var compiler = Task.Run(async () =>
        {
            var compiled = 0;
            for (var i = 0; compiling.Elapsed < TimeSpan.FromMilliseconds(800); i++)
            {
                var lambda = Expression.Lambda<Func<int>>(Expression.Constant(i)).Compile();
                compiled += lambda() == i ? 1 : 0;
                await Task.Delay(40);
            }
            return (compiled, compiling.Elapsed);
        });
        await Task.Delay(10);

        var (waited, methods) = await JitSettling.WaitAsync();
        var (compiledLambdas, compilingFor) = await compiler;

        Assert.True(compiledLambdas >= 5);
        Assert.True(methods >= 5, $"{methods} methods compiled during the wait");
        Assert.True(waited + TimeSpan.FromMilliseconds(10) >= compilingFor - TimeSpan.FromMilliseconds(80) + JitSettling.Quiet,
            $"returned after {waited.TotalMilliseconds} ms; compilation went on for {compilingFor.TotalMilliseconds} ms");
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
