using Akka.Configuration;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AkkaDifferential.Hosting.Tests;

/// <summary>What is missing or wrong in the host's configuration is named, at the earliest point it can be seen.</summary>
public sealed class BadInputTests
{
    [Fact]
    public void No_actor_system_in_dependency_injection_is_named()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddDifferentialEngine();
        using var host = builder.Build();
        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<DifferentialEngine>());
        Assert.Contains("dependency injection has no ActorSystem", error.Message);
        Assert.Contains("AddAkka", error.Message);
        Assert.Contains("no ActorSystem", Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<HostedDataflows>()).Message);
    }

    [Fact]
    public async Task An_actor_system_without_WithDifferentialDataflow_is_named()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddAkka("plain", _ => { }).AddDifferentialEngine();
        using var host = builder.Build();
        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<DifferentialEngine>());
        Assert.Equal("ActorSystem 'plain' has no differential dataflow configuration: add .WithDifferentialDataflow(...) to the AddAkka builder that creates it.", error.Message);
        await host.Services.GetRequiredService<Akka.Actor.ActorSystem>().Terminate();
    }

    [Fact]
    public async Task A_definition_or_hosted_dataflow_that_is_not_there_is_named_with_those_that_are()
    {
        using var host = TestHosts.Build("missing-host", dataflows => TestHosts.HostTotals(dataflows));
        await host.StartAsync(TestContext.Current.CancellationToken);
        var hosted = host.Services.GetRequiredService<HostedDataflows>();

        Assert.Equal("No dataflow definition named 'total' is registered with WithDifferentialDataflow; registered: 'totals'. (Parameter 'name')",
            Assert.Throws<ArgumentException>(() => hosted.Definition<long, int, Totals>("total")).Message);
        Assert.Equal("Dataflow definition 'totals' is a DataflowDefinition<Int64, Int32, Totals>, not a DataflowDefinition<Int64, String, Totals>. (Parameter 'name')",
            Assert.Throws<ArgumentException>(() => hosted.Definition<long, string, Totals>("totals")).Message);
        Assert.Equal("No hosted dataflow is named 'total'; hosted: 'totals'. (Parameter 'name')",
            Assert.Throws<ArgumentException>(() => hosted.Get<Totals>("total")).Message);
        Assert.Equal("Hosted dataflow 'totals' has handles of type Totals, not String. (Parameter 'name')",
            (await Assert.ThrowsAsync<ArgumentException>(() => hosted.GetAsync<string>("totals", TestContext.Current.CancellationToken))).Message);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Hosting_a_definition_registered_elsewhere_fails_the_start()
    {
        await using var engine = DifferentialEngine.Create();
        var elsewhere = engine.Register<long, int, Totals>(Totals.Name, Totals.Build);
        using var host = TestHosts.Build("elsewhere-host", dataflows => dataflows.Host(elsewhere, 0));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.StartsWith("Dataflow definition 'totals' is not registered with this WithDifferentialDataflow: register it with Register before hosting it.", error.Message);
    }

    [Fact]
    public async Task A_hosted_dataflow_that_fails_to_deploy_fails_the_start_with_its_cause()
    {
        using var host = TestHosts.Build("broken-host", dataflows =>
        {
            var broken = dataflows.Register<long, int, Totals>("broken", (_, _) => throw new InvalidOperationException("no orders today"));
            var later = dataflows.Register<long, int, Totals>(Totals.Name, Totals.Build);
            dataflows.Host(broken, 0).Host(later, 0);
        });
        var hosted = host.Services.GetRequiredService<HostedDataflows>();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Equal("no orders today", error.Message);
        Assert.Equal("Hosted dataflow 'broken' failed to deploy: no orders today", Assert.Throws<InvalidOperationException>(() => hosted.Get<Totals>("broken")).Message);
        Assert.Equal("Hosted dataflow 'totals' was not deployed: the host stopped before it was.",
            (await Assert.ThrowsAsync<InvalidOperationException>(() => hosted.GetAsync<Totals>(Totals.Name, TestContext.Current.CancellationToken))).Message);
    }

    [Fact]
    public async Task Two_hosted_dataflows_of_one_name_fail_the_start()
    {
        using var host = TestHosts.Build("twice-host", dataflows =>
        {
            var totals = dataflows.Register<long, int, Totals>(Totals.Name, Totals.Build);
            dataflows.Host(totals, 0).Host(totals, 1);
        });
        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.StartsWith("A hosted dataflow named 'totals' already exists: give the second one its own name.", error.Message);
    }

    [Fact]
    public async Task Configuring_twice_fails_the_start()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddAkka("twice", akka => akka.WithDifferentialDataflow(_ => { }).WithDifferentialDataflow(_ => { })).AddDifferentialEngine();
        using var host = builder.Build();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.StartsWith("WithDifferentialDataflow is already called on this AddAkka builder", error.Message);
    }

    [Fact]
    public async Task A_setting_that_does_not_exist_fails_the_start_naming_it()
    {
        using var host = TestHosts.Build("settings-host", dataflows => dataflows.Hocon = "akka-differential.bukets = 3");
        var error = await Assert.ThrowsAsync<ConfigurationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains("did you mean 'akka-differential.buckets'?", error.Message);
    }

    [Fact]
    public async Task A_cluster_member_without_seeds_is_refused()
    {
        using var host = TestHosts.Build("no-seeds", dataflows => dataflows.AsClusterMember(new ClusterMemberOptions()));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.StartsWith("A cluster member needs at least one seed (host:port) in ClusterMemberOptions.Seeds", error.Message);
    }
}
