using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;

namespace AkkaDifferential.Streams.Tests;

/// <summary>The Source of a change stream: one element per closed time on demand, completion, failure, one reader.</summary>
public sealed class ChangeSourceTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly DifferentialEngine engine;
    private readonly IMaterializer materializer;

    public ChangeSourceTests()
    {
        engine = new DifferentialEngine(Sys);
        materializer = Sys.Materializer();
    }

    [Fact]
    public async Task Elements_come_on_demand_one_per_closed_time_and_the_source_completes_with_the_input()
    {
        await using var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, words) = scope.NewCollection<string>();
            return (input, words.Changes(accumulate: true));
        });
        var (input, changes) = dataflow.Handles;
        var subscriber = changes.ToSource().RunWith(this.SinkProbe<TimeChanges<string, long, long>>(), materializer);
        input.Insert("a");
        input.AdvanceTo(1);
        input.Insert("b");
        input.AdvanceTo(2);
        subscriber.Request(1);
        var first = subscriber.ExpectNext(Timeout);
        Assert.Equal(0L, first.Time);
        Assert.Equal([("a", 1L)], first.Changes);
        subscriber.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        subscriber.Request(5);
        var second = subscriber.ExpectNext(Timeout);
        Assert.Equal(1L, second.Time);
        Assert.Equal(new Dictionary<string, long> { ["a"] = 1, ["b"] = 1 }, second.Contents);
        input.Close();
        subscriber.ExpectComplete();
    }

    [Fact]
    public async Task A_failing_dataflow_fails_the_source()
    {
        await using var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>();
            return (input, numbers.Map(x => x == 13 ? throw new InvalidOperationException("unlucky number") : x, name: "check").Changes());
        });
        var (input, changes) = dataflow.Handles;
        var done = changes.ToSource().RunWith(Sink.Ignore<TimeChanges<int, long, long>>(), materializer);
        input.Insert(13);
        input.AdvanceTo(1);
        var failure = await Assert.ThrowsAsync<DataflowFailedException>(() => done.WaitAsync(Timeout));
        Assert.Contains("check", failure.Message);
    }

    [Fact]
    public async Task A_second_materialization_fails_naming_the_stream()
    {
        await using var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>();
            return (input, numbers.Changes(name: "numbers"));
        });
        var (_, changes) = dataflow.Handles;
        var source = changes.ToSource();
        var subscriber = source.RunWith(this.SinkProbe<TimeChanges<int, long, long>>(), materializer);
        subscriber.EnsureSubscription();
        subscriber.Request(1);
        var second = source.RunWith(Sink.Ignore<TimeChanges<int, long, long>>(), materializer);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => second.WaitAsync(Timeout));
        Assert.Contains("'numbers'", failure.Message);
        subscriber.Cancel();
    }
}
