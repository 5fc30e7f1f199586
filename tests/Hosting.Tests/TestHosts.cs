using System.Net;
using System.Net.Sockets;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AkkaDifferential.Hosting.Tests;

/// <summary>Generic hosts for the tests: an empty application builder with the hosting extension and captured logs.</summary>
internal static class TestHosts
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>A host whose actor system is configured by <paramref name="configure"/>, with the engine in dependency injection.</summary>
    public static IHost Build(string systemName, Action<DifferentialDataflowOptions> configure, CapturedLogs? logs = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        if (logs is not null)
            builder.Logging.AddProvider(logs);
        services?.Invoke(builder.Services);
        builder.Services
            .AddAkka(systemName, akka => akka.WithDifferentialDataflow(configure))
            .AddDifferentialEngine();
        return builder.Build();
    }

    /// <summary>Registers and hosts the totals dataflow (failing on orders of <paramref name="failOn"/>).</summary>
    public static void HostTotals(DifferentialDataflowOptions dataflows, int failOn = 0, int? buckets = 2)
    {
        var totals = dataflows.Register<long, int, Totals>(Totals.Name, Totals.Build);
        dataflows.Host(totals, failOn, buckets);
    }

    /// <summary>A port on 127.0.0.1 that nothing listens on now.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
