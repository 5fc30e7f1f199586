using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AkkaDifferential.Hosting.Tests;

/// <summary>The embedded engine in a generic host: hosted dataflows start and stop with it, and the engine comes from dependency injection.</summary>
public sealed class GenericHostTests
{
    [Fact]
    public async Task A_hosted_dataflow_runs_with_the_host_and_is_disposed_when_it_stops()
    {
        using var host = TestHosts.Build("totals-host", dataflows => TestHosts.HostTotals(dataflows));
        var hosted = host.Services.GetRequiredService<HostedDataflows>();
        Assert.Contains("not deployed yet", Assert.Throws<InvalidOperationException>(() => hosted.Get<Totals>(Totals.Name)).Message);

        await host.StartAsync(TestContext.Current.CancellationToken);
        var dataflow = hosted.Get<Totals>(Totals.Name);
        Assert.Equal(["totals"], hosted.Names);
        Assert.Equal(Totals.Name, dataflow.Name);
        await dataflow.Handles.CheckRoundsAsync(seed: 1, rounds: 10, TestHosts.Timeout);

        await host.StopAsync(TestContext.Current.CancellationToken);
        await dataflow.Completion.WaitAsync(TestHosts.Timeout, TestContext.Current.CancellationToken);
        Assert.True(dataflow.Completion.IsCompletedSuccessfully);
        Assert.Contains("disposed when the host stopped", Assert.Throws<InvalidOperationException>(() => hosted.Get<Totals>(Totals.Name)).Message);
        Assert.ThrowsAny<InvalidOperationException>(() => dataflow.Handles.Orders.Insert(("late", 1)));
    }

    [Fact]
    public async Task The_engine_from_dependency_injection_deploys_the_registered_definitions()
    {
        using var host = TestHosts.Build("engine-host", dataflows => dataflows.Register<long, int, Totals>(Totals.Name, Totals.Build));
        await host.StartAsync(TestContext.Current.CancellationToken);
        var engine = host.Services.GetRequiredService<DifferentialEngine>();
        Assert.Same(host.Services.GetRequiredService<Akka.Actor.ActorSystem>(), engine.System);
        Assert.Empty(host.Services.GetRequiredService<HostedDataflows>().Names);

        var definition = host.Services.GetRequiredService<HostedDataflows>().Definition<long, int, Totals>(Totals.Name);
        await using (var dataflow = await engine.DeployAsync(definition, 0, buckets: 3, TestContext.Current.CancellationToken))
            await dataflow.Handles.CheckRoundsAsync(seed: 2, rounds: 5, TestHosts.Timeout);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Akka_logging_reaches_the_hosts_logging()
    {
        var logs = new CapturedLogs();
        using var host = TestHosts.Build("logging-host", dataflows => TestHosts.HostTotals(dataflows, failOn: 13), logs);
        await host.StartAsync(TestContext.Current.CancellationToken);
        var dataflow = host.Services.GetRequiredService<HostedDataflows>().Get<Totals>(Totals.Name);

        dataflow.Handles.Orders.Insert(("customer", 13));
        dataflow.Handles.Orders.AdvanceTo(1);
        await Assert.ThrowsAsync<DataflowFailedException>(() => dataflow.Completion.WaitAsync(TestHosts.Timeout, TestContext.Current.CancellationToken));

        var deadline = DateTime.UtcNow + TestHosts.Timeout;
        while (!logs.Entries.Any(Failure) && DateTime.UtcNow < deadline)
            await Task.Delay(20, TestContext.Current.CancellationToken);
        var failures = logs.Entries.Where(Failure).ToList();
        Assert.Single(failures);
        Assert.StartsWith("Akka", failures[0].Category, StringComparison.Ordinal);
        await host.StopAsync(TestContext.Current.CancellationToken);

        static bool Failure((string Category, LogLevel Level, string Message) entry) =>
            entry.Level == LogLevel.Error && entry.Message.Contains("'totals'", StringComparison.Ordinal) && entry.Message.Contains("order of 13 refused", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_that_starts_before_Akka_waits_for_its_dataflow()
    {
        var service = new FeedingService();
        using var host = TestHosts.Build("ordering-host", dataflows => TestHosts.HostTotals(dataflows),
            services: services => services.AddHostedService(provider => service.With(provider.GetRequiredService<HostedDataflows>())));
        await host.StartAsync(TestContext.Current.CancellationToken);
        Assert.Equal(new Dictionary<(string, long), long> { [("first", 5)] = 1 }, await service.Result.WaitAsync(TestHosts.Timeout, TestContext.Current.CancellationToken));
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>A hosted service registered before AddAkka, so started before the dataflow is deployed.</summary>
    private sealed class FeedingService : BackgroundService
    {
        private readonly TaskCompletionSource<IReadOnlyDictionary<(string, long), long>> result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private HostedDataflows? hosted;

        public Task<IReadOnlyDictionary<(string, long), long>> Result => result.Task;

        public FeedingService With(HostedDataflows dataflows)
        {
            hosted = dataflows;
            return this;
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            try
            {
                var dataflow = await hosted!.GetAsync<Totals>(Totals.Name, stoppingToken);
                dataflow.Handles.Orders.Insert(("first", 5));
                dataflow.Handles.Orders.AdvanceTo(1);
                result.TrySetResult(await dataflow.Handles.Output.CollectionAt(0, stoppingToken));
            }
            catch (Exception ex)
            {
                result.TrySetException(ex);
            }
        }
    }
}
