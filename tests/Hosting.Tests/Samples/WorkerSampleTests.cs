using System.Net.Http.Json;
using AkkaDifferential.Samples.Worker;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AkkaDifferential.Hosting.Tests.Samples;

/// <summary>
/// samples/Worker as it runs: its feeder plays a fixed number of seeded rounds, and what <c>GET /degrees</c> answers over
/// HTTP equals the follower distribution recomputed from scratch from the same rounds.
/// </summary>
public sealed class WorkerSampleTests
{
    [Fact]
    public async Task The_endpoint_serves_the_distribution_of_the_rounds_fed()
    {
        const int seed = 7, users = 60, rounds = 12;
        var token = TestContext.Current.CancellationToken;
        await using var app = WorkerApp.Build(["--urls", "http://127.0.0.1:0", "--Feeder:Seed", $"{seed}", "--Feeder:Users", $"{users}", "--Feeder:Rounds", $"{rounds}", "--Feeder:IntervalMs", "10"]);
        await app.StartAsync(token);
        await app.Services.GetRequiredService<DegreeView>().Final.WaitAsync(TestHosts.Timeout, token);

        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        var served = await client.GetFromJsonAsync<DegreeView.Snapshot>("/degrees", token);
        Assert.NotNull(served);
        Assert.Equal(Recomputed(seed, users, rounds), served.Degrees);
        Assert.InRange(served.Time, 0, rounds - 1);
        Assert.StartsWith("flowchart", await client.GetStringAsync("/dataflow", token));
        await app.StopAsync(token);
    }

    /// <summary>The distribution after <paramref name="rounds"/> rounds, from the edges alone.</summary>
    private static List<DegreeView.Degree> Recomputed(int seed, int users, int rounds)
    {
        var graph = new FollowGraph(seed, users);
        for (var round = 0; round < rounds; round++)
            graph.NextRound();
        return [.. graph.Edges
            .GroupBy(e => e.Followee)
            .GroupBy(followed => (long)followed.Count())
            .Select(g => new DegreeView.Degree(g.Key, g.Count()))
            .OrderBy(d => d.Followers)];
    }
}
