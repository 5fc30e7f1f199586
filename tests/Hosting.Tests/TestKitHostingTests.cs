using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AkkaDifferential.Hosting.Tests;

/// <summary>The hosting extension under Akka.Hosting.TestKit: the host the test kit starts runs the hosted dataflow on its Sys.</summary>
public sealed class TestKitHostingTests() : Akka.Hosting.TestKit.TestKit("testkit-host")
{
    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider) =>
        builder.WithDifferentialDataflow(dataflows => TestHosts.HostTotals(dataflows, buckets: 4));

    protected override void ConfigureServices(HostBuilderContext context, IServiceCollection services) =>
        services.AddDifferentialEngine();

    [Fact]
    public async Task The_hosted_dataflow_runs_on_the_test_kits_actor_system()
    {
        Assert.Same(Sys, Host.Services.GetRequiredService<DifferentialEngine>().System);
        var dataflow = await Host.Services.GetRequiredService<HostedDataflows>().GetAsync<Totals>(Totals.Name, TestContext.Current.CancellationToken);
        await dataflow.Handles.CheckRoundsAsync(seed: 4, rounds: 10, TestHosts.Timeout);
    }
}
