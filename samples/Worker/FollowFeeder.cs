using AkkaDifferential;

namespace AkkaDifferential.Samples.Worker;

/// <summary>
/// Feeds the hosted dataflow: a round of <see cref="FollowGraph"/> changes every <c>Feeder:IntervalMs</c>, one logical
/// time a round; after <c>Feeder:Rounds</c> rounds (unbounded by default) it closes the input.
/// </summary>
internal sealed class FollowFeeder(HostedDataflows dataflows, IConfiguration configuration, ILogger<FollowFeeder> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dataflow = await dataflows.GetAsync<Followers>(Followers.Name, stoppingToken);
        var graph = new FollowGraph(configuration.GetValue("Feeder:Seed", 1), configuration.GetValue("Feeder:Users", 1000));
        var interval = TimeSpan.FromMilliseconds(configuration.GetValue("Feeder:IntervalMs", 1000));
        var rounds = configuration.GetValue("Feeder:Rounds", long.MaxValue);
        var edges = dataflow.Handles.Edges;
        for (var round = 0L; round < rounds; round++)
        {
            var changes = graph.NextRound();
            foreach (var (edge, diff) in changes)
                edges.Update(edge, diff);
            edges.AdvanceTo(round + 1);
            log.LogInformation("round {Round}: {Changes} follows changed, {Edges} in all", round, changes.Count, graph.Edges.Count);
            await Task.Delay(interval, stoppingToken);
        }
        edges.Close();
    }
}
