using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Hosting.Logging;
using AkkaDifferential.Hosting.Runtime;
using AkkaDifferential.Operators.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AkkaDifferential;

/// <summary>
/// AkkaDifferential in a Microsoft.Extensions.Hosting application, in the Akka.Hosting style:
/// <see cref="WithDifferentialDataflow"/> on the <c>AddAkka</c> builder configures the engine (embedded or a
/// cluster member), its definitions and the dataflows the host runs; <see cref="AddDifferentialEngine"/> puts the
/// engine and <see cref="HostedDataflows"/> into dependency injection.
/// </summary>
/// <example>
/// <code>
/// builder.Services
///     .AddAkka("shop", akka => akka.WithDifferentialDataflow(dataflows =>
///     {
///         var totals = dataflows.Register("totals", (Scope&lt;long&gt; scope, int _) => Totals.Build(scope));
///         dataflows.Host(totals, 0);
///     }))
///     .AddDifferentialEngine();
/// </code>
/// </example>
public static class DifferentialHosting
{
    /// <summary>
    /// Configures the actor system for AkkaDifferential: the defaults of config/akka-differential.conf (and, as a
    /// cluster member, config/cluster.conf, with the member's port and role) under the builder's own HOCON, Akka
    /// logging through Microsoft.Extensions.Logging unless the builder names its own loggers, and a startup task that
    /// joins the cluster and deploys the hosted dataflows; coordinated shutdown disposes them when the host stops.
    /// </summary>
    /// <param name="builder">The <c>AddAkka</c> builder.</param>
    /// <param name="configure">Registers definitions, hosts dataflows, chooses cluster membership and settings.</param>
    /// <exception cref="InvalidOperationException">Called twice on one builder, or (as a cluster member) the port is in use.</exception>
    /// <exception cref="ArgumentException">A seed is not <c>host:port</c>.</exception>
    /// <exception cref="ConfigurationException">
    /// The options' HOCON is malformed or has a bad <c>akka-differential</c> setting, or the member's TLS certificate
    /// (<see cref="ClusterMemberOptions.Tls"/>) cannot serve: the setting and the file are named.
    /// </exception>
    public static AkkaConfigurationBuilder WithDifferentialDataflow(this AkkaConfigurationBuilder builder, Action<DifferentialDataflowOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        if (builder.Setups.OfType<DifferentialDataflowSetup>().Any())
            throw new InvalidOperationException("WithDifferentialDataflow is already called on this AddAkka builder: configure every definition and hosted dataflow in one call.");
        var options = new DifferentialDataflowOptions();
        configure(options);
        var config = options.Cluster is { } member
            ? DifferentialCluster.MemberConfig(member.Port, member.Seeds, member.HostsBuckets, options.Hocon, member.Tls is not null)
            : string.IsNullOrWhiteSpace(options.Hocon)
                ? DefaultConfig.Load()
                : HoconSyntax.Parse(options.Hocon, DataflowSettings.ExpectedAt).WithFallback(DefaultConfig.Load());
        DataflowSettings.FromConfig(config);
        if (DifferentialCluster.TlsSetup(options.Cluster?.Tls) is { } tls)
            builder.AddSetup(tls);
        return builder
            .AddHocon(config, HoconAddMode.Append)
            .AddHocon(ConfigurationFactory.ParseString($"akka.loggers = [\"{typeof(LoggerFactoryLogger).AssemblyQualifiedName}\"]"), HoconAddMode.Append)
            .AddSetup(new DifferentialDataflowSetup(options))
            .AddStartup((system, _) => DifferentialHost.For(system).StartAsync());
    }

    /// <summary>
    /// Registers <see cref="DifferentialEngine"/> and <see cref="HostedDataflows"/> as singletons of the actor system
    /// that <c>AddAkka</c> registers, configured with <see cref="WithDifferentialDataflow"/>.
    /// </summary>
    /// <remarks>Resolving either throws an <see cref="InvalidOperationException"/> naming what is missing when there is no actor system in dependency injection, or it was not configured with <see cref="WithDifferentialDataflow"/>.</remarks>
    public static IServiceCollection AddDifferentialEngine(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(provider => Host(provider).Engine);
        services.TryAddSingleton(provider => Host(provider).Dataflows);
        return services;
    }

    private static DifferentialHost Host(IServiceProvider provider) =>
        DifferentialHost.For(provider.GetService<ActorSystem>() ?? throw new InvalidOperationException(
            "DifferentialEngine runs on the ActorSystem that Akka.Hosting registers, and dependency injection has no ActorSystem: " +
            "call services.AddAkka(name, akka => akka.WithDifferentialDataflow(...)) as well as AddDifferentialEngine."));
}
