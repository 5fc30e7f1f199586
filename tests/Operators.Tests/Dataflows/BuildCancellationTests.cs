using Akka.Actor;

namespace AkkaDifferential.Operators.Tests.Dataflows;

/// <summary>Cancelling <c>BuildAsync</c> throws <see cref="OperationCanceledException"/> and stops what was started.</summary>
public sealed class BuildCancellationTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Cancelling_during_deployment_stops_the_dataflow_and_throws()
    {
        using var cancellation = new CancellationTokenSource();
        ProbeHandle<long>? probe = null;
        InputSession<int, long, long>? session = null;
        // The build function runs before deployment starts: cancelling there cancels the deployment under way.
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>();
            session = input;
            probe = numbers.Count().Probe();
            cancellation.Cancel();
            return input;
        }, buckets: 8, name: "cancelled", cancellation: cancellation.Token));
        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.Contains("Deploying dataflow 'cancelled' was cancelled", error.Message);

        // Its actors are gone, and its handles say the dataflow was disposed.
        var identity = await fixture.Engine.System.ActorSelection("/user/cancelled-*").Ask<ActorIdentity>(new Identify(1), Timeout);
        Assert.Null(identity.Subject);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => probe!.WhenPassed(0).WaitAsync(Timeout));
        Assert.Throws<ObjectDisposedException>(() => session!.Insert(1));

        // The engine goes on deploying other dataflows.
        await using var next = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>();
            return (input, numbers.Capture());
        }, name: "next");
        var running = await fixture.Engine.System.ActorSelection("/user/next-*").Ask<ActorIdentity>(new Identify(2), Timeout);
        Assert.NotNull(running.Subject);
        var (nextInput, capture) = next.Handles;
        nextInput.Insert(3);
        nextInput.AdvanceTo(1);
        Assert.Equal(new Dictionary<int, long> { [3] = 1 }, (await capture.CollectionAt(0).WaitAsync(Timeout)).ToDictionary());
    }

    [Fact]
    public async Task A_token_cancelled_beforehand_builds_nothing()
    {
        var built = false;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            built = true;
            return scope.NewCollection<int>();
        }, cancellation: new CancellationToken(canceled: true)));
        Assert.False(built);
    }
}
