using Akka.Hosting;
using AkkaDifferential;

namespace AkkaDifferential.Samples.Worker;

/// <summary>
/// The sample application: Akka.NET with the hosted followers dataflow, the services that feed and read it, and two
/// endpoints on 127.0.0.1 (port 5080 unless <c>--urls</c> says otherwise): <c>GET /degrees</c>, the follower
/// distribution now, and <c>GET /dataflow</c>, the dataflow's operator graph with its counters, in Mermaid.
/// </summary>
public static class WorkerApp
{
    /// <summary>Builds the application from its command line (<c>--urls</c>, <c>--Feeder:IntervalMs</c>, ...).</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (builder.Configuration["urls"] is null)
            builder.WebHost.UseUrls("http://127.0.0.1:5080");

        builder.Services
            .AddAkka("worker", akka => akka.WithDifferentialDataflow(dataflows =>
            {
                var followers = dataflows.Register<long, int, Followers>(Followers.Name, Followers.Build);
                dataflows.Host(followers, 0, buckets: 2);
            }))
            .AddDifferentialEngine();
        builder.Services.AddSingleton<DegreeView>();
        builder.Services.AddHostedService<FollowFeeder>();
        builder.Services.AddHostedService<DistributionReader>();

        var app = builder.Build();
        app.MapGet("/degrees", (DegreeView view) => view.Current);
        app.MapGet("/dataflow", async (HostedDataflows hosted) => (await hosted.Get<Followers>(Followers.Name).Metrics.SnapshotAsync()).Describe(GraphFormat.Mermaid));
        return app;
    }
}
