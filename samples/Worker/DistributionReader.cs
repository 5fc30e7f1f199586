using AkkaDifferential;

namespace AkkaDifferential.Samples.Worker;

/// <summary>Reads the dataflow's change stream, one element per closed time at which the distribution changed, into the <see cref="DegreeView"/>.</summary>
internal sealed class DistributionReader(HostedDataflows dataflows, DegreeView view, ILogger<DistributionReader> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dataflow = await dataflows.GetAsync<Followers>(Followers.Name, stoppingToken);
        await foreach (var step in dataflow.Handles.Distribution.WithCancellation(stoppingToken))
        {
            view.Set(step.Time, step.Contents!);
            log.LogInformation("time {Time}: {Users} users have followers, at most {Most}",
                step.Time, step.Contents!.Keys.Sum(d => d.Users), step.Contents.Keys.Max(d => d.Followers));
        }
        view.Close();
    }
}
