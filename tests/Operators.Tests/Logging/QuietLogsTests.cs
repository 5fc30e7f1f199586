using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Event;

namespace AkkaDifferential.Operators.Tests.Logging;

/// <summary>
/// At Akka's default log level (INFO) a failing dataflow logs one error that says what failed, with no stack trace,
/// however many buckets it has, and a dataflow stopped while its operators still talk logs no dead letters.
/// </summary>
public sealed class QuietLogsTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly ConcurrentQueue<LogEvent> events = new();
    private DifferentialEngine engine = null!;

    public Task InitializeAsync()
    {
        engine = DifferentialEngine.Create("akka.loglevel = INFO\nakka.stdout-loglevel = OFF");
        var collector = engine.System.ActorOf(Props.Create(() => new LogCollector(events)));
        engine.System.EventStream.Subscribe(collector, typeof(LogEvent));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await engine.DisposeAsync();

    [Fact]
    public async Task A_failure_at_every_bucket_is_one_error_without_a_stack_trace()
    {
        var failing = await engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>();
            var probe = numbers.Map(x => x > 0 ? throw new InvalidOperationException("no positive numbers") : x, name: "refuse").Probe();
            return (input, probe);
        }, buckets: 8, name: "strict");
        var (input, _) = failing.Handles;
        for (var i = 1; i <= 1000; i++)
            input.Insert(i);
        input.AdvanceTo(1);
        await Assert.ThrowsAsync<DataflowFailedException>(() => failing.Completion.WaitAsync(Timeout));
        await Settled();

        var errors = events.Where(e => e.LogLevel() >= LogLevel.InfoLevel).ToList();
        var error = Assert.Single(errors);
        Assert.Equal(LogLevel.ErrorLevel, error.LogLevel());
        Assert.Null(error.Cause);
        var message = error.Message.ToString()!;
        Assert.Contains("Dataflow 'strict' failed", message);
        Assert.Contains("Operator 'refuse'", message);
        Assert.Contains("no positive numbers", message);
        Assert.DoesNotContain("\n", message);
    }

    [Fact]
    public async Task Disposing_a_busy_dataflow_logs_no_dead_letters()
    {
        await DisposeBusyDataflows(engine);
        await Settled();

        var logged = string.Join("\n", events.Where(e => e.LogLevel() >= LogLevel.InfoLevel).Select(e => $"{e.LogSource}: {e.Message}"));
        Assert.True(logged.Length == 0, $"Logged while disposing busy dataflows:\n{logged}");
    }

    [Fact]
    public async Task Disposing_busy_dataflows_whose_buckets_report_metrics_all_the_time_logs_no_dead_letters()
    {
        // The buckets' report timer ticks every millisecond, so a tick is in a bucket's mailbox at almost every stop;
        // it was logged as a dead letter ('Message [ReportMetrics] wrapped in [$ScheduledTellMsg] ... was not delivered').
        var logged = new ConcurrentQueue<LogEvent>();
        await using var reporting = DifferentialEngine.Create("akka.loglevel = INFO\nakka.stdout-loglevel = OFF\nakka-differential.metrics-report-interval = 1ms");
        reporting.System.EventStream.Subscribe(reporting.System.ActorOf(Props.Create(() => new LogCollector(logged))), typeof(LogEvent));
        await DisposeBusyDataflows(reporting);
        await Settled(reporting, logged);

        var lines = string.Join("\n", logged.Where(e => e.LogLevel() >= LogLevel.InfoLevel).Select(e => $"{e.LogSource}: {e.Message}"));
        Assert.True(lines.Length == 0, $"Logged while disposing busy dataflows:\n{lines}");
    }

    /// <summary>Five dataflows (a self-join counted per key, on four buckets), each disposed while its rounds are still being computed.</summary>
    private static async Task DisposeBusyDataflows(DifferentialEngine on)
    {
        for (var round = 0; round < 5; round++)
        {
            var dataflow = await on.BuildAsync((Scope<long> scope) =>
            {
                var (input, numbers) = scope.NewCollection<(int, int)>();
                var counts = numbers.Join(numbers).Map(p => p.Item1).Count();
                return (input, counts.Probe());
            }, buckets: 4);
            var (input, probe) = dataflow.Handles;
            for (var t = 0; t < 20; t++)
            {
                for (var i = 0; i < 200; i++)
                    input.Insert((i % 17, i + t));
                input.AdvanceTo(t + 1);
            }
            await dataflow.DisposeAsync();
        }
    }

    [Fact]
    public async Task With_a_metrics_log_interval_each_dataflow_logs_its_counters_at_info()
    {
        var logged = new ConcurrentQueue<LogEvent>();
        await using var logging = DifferentialEngine.Create("akka.loglevel = INFO\nakka.stdout-loglevel = OFF\nakka-differential.metrics-log-interval = 50ms");
        logging.System.EventStream.Subscribe(logging.System.ActorOf(Props.Create(() => new LogCollector(logged))), typeof(LogEvent));
        await using var dataflow = await logging.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>("numbers");
            return (input, numbers.Map(x => (x, x), name: "pairs").ArrangeByKey(name: "arranged").AsCollection().Probe());
        }, name: "logged");
        var (input, probe) = dataflow.Handles;
        input.Insert(1);
        input.Insert(2);
        input.AdvanceTo(1);
        await probe.WhenPassed(0).WaitAsync(Timeout);

        var deadline = DateTime.UtcNow + Timeout;
        LogEvent? complete;
        while ((complete = logged.LastOrDefault(e => e.Message.ToString()!.Contains("arranged (ArrangeByKey); in: 2 records"))) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "No log of the dataflow's counters after the round: " + string.Join(" | ", logged.Select(e => e.Message)));
            await Task.Delay(20);
        }
        Assert.Equal(LogLevel.InfoLevel, complete.LogLevel());
        var lines = complete.Message.ToString()!.Split('\n');
        Assert.Equal("Dataflow 'logged':", lines[0]);
        Assert.Contains("  numbers (Input); out: 2 records, 1 batches; frontier {1}, lag 0", lines);
        Assert.Contains(lines, line => line.StartsWith("  pairs (Map); in: 2 records, ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("  arranged (ArrangeByKey); in: 2 records, ", StringComparison.Ordinal) && line.Contains("trace: 2 keys, 2 updates, "));
    }

    private Task Settled() => Settled(engine, events);

    /// <summary>Waits until a marker published now has reached the collector, and with it every event published before.</summary>
    private static async Task Settled(DifferentialEngine on, ConcurrentQueue<LogEvent> collected)
    {
        var marker = $"settled-{Guid.NewGuid():N}";
        on.System.EventStream.Publish(new Debug("test", typeof(QuietLogsTests), marker));
        var deadline = DateTime.UtcNow + Timeout;
        while (!collected.Any(e => Equals(e.Message, marker)))
        {
            Assert.True(DateTime.UtcNow < deadline, "The log collector did not receive its marker.");
            await Task.Delay(10);
        }
    }

    private sealed class LogCollector : ReceiveActor
    {
        public LogCollector(ConcurrentQueue<LogEvent> events) => Receive<LogEvent>(events.Enqueue);
    }
}
