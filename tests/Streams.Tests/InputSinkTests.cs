using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;

namespace AkkaDifferential.Streams.Tests;

/// <summary>How the Sink closes, fails and refuses: completion closes the input, failure fails it, accepted updates stay.</summary>
public sealed class InputSinkTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly DifferentialEngine engine;
    private readonly IMaterializer materializer;

    public InputSinkTests()
    {
        engine = new DifferentialEngine(Sys);
        materializer = Sys.Materializer();
    }

    private Task<Dataflow<(InputSession<string, long, long> Input, CaptureHandle<string, long, long> Capture, ProbeHandle<long> Probe)>> Words() =>
        engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, words) = scope.NewCollection<string>("words");
            return (input, words.Capture(), words.Probe());
        }, buckets: 2, name: "words");

    private static Update<string, long, long> At(string word, long time, long diff = 1) => new(word, time, diff);

    [Fact]
    public async Task A_stream_that_completes_closes_the_input_and_every_time_completes()
    {
        await using var dataflow = await Words();
        var (input, capture, probe) = dataflow.Handles;
        await Source.From([At("a", 0), At("b", 0), At("a", 2, -1), At("c", 5)]).RunWith(input.ToSink(probe), materializer).WaitAsync(Timeout);
        await probe.WhenDone().WaitAsync(Timeout);
        Assert.Equal(new Dictionary<string, long> { ["b"] = 1, ["c"] = 1 }, await capture.CollectionAt(5));
        Assert.Equal(new Dictionary<string, long> { ["b"] = 1 }, await capture.CollectionAt(4));
        Assert.Contains("closed", Assert.Throws<InvalidOperationException>(() => input.Insert("d")).Message);
    }

    [Fact]
    public async Task A_stream_that_fails_mid_round_fails_the_input_with_its_cause_and_keeps_what_it_accepted()
    {
        await using var dataflow = await Words();
        var (input, capture, probe) = dataflow.Handles;
        var (publisher, done) = this.SourceProbe<Update<string, long, long>>().ToMaterialized(input.ToSink(probe), Keep.Both).Run(materializer);
        publisher.SendNext(At("a", 0));
        publisher.SendNext(At("b", 1));
        var cause = new IOException("connection lost");
        publisher.SendError(cause);
        Assert.Same(cause, await Assert.ThrowsAsync<IOException>(() => done.WaitAsync(Timeout)));
        var refused = Assert.Throws<InvalidOperationException>(() => input.Insert("c"));
        Assert.Same(cause, refused.InnerException);
        Assert.Contains("'words'", refused.Message);
        Assert.Equal(new Dictionary<string, long> { ["a"] = 1 }, await capture.CollectionAt(0).WaitAsync(Timeout));
        // The round the stream broke off in stays open, but its accepted update reached the dataflow.
        await AwaitAssertAsync(() => Assert.Contains(capture.Updates, u => u.Data == "b" && u.Time == 1), Timeout);
        Assert.True(probe.LessEqual(1));
    }

    [Fact]
    public async Task An_element_before_the_inputs_time_fails_the_stream_naming_the_input_and_times()
    {
        await using var dataflow = await Words();
        var (input, capture, probe) = dataflow.Handles;
        var done = Source.From([At("a", 3), At("b", 1)]).RunWith(input.ToSink(probe), materializer);
        var failure = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => done.WaitAsync(Timeout));
        Assert.Contains("'words'", failure.Message);
        Assert.Contains("time 1", failure.Message);
        Assert.Contains("time 3", failure.Message);
        Assert.Throws<InvalidOperationException>(() => input.Insert("c"));
        await AwaitAssertAsync(() => Assert.Contains(capture.Updates, u => u.Data == "a" && u.Time == 3), Timeout);
    }

    [Fact]
    public async Task A_sink_whose_dataflow_is_gone_fails_at_once_naming_the_dataflow()
    {
        var dataflow = await Words();
        var (input, _, probe) = dataflow.Handles;
        await dataflow.DisposeAsync();
        var done = Source.From([At("a", 0)]).RunWith(input.ToSink(probe), materializer);
        var failure = await Assert.ThrowsAsync<ObjectDisposedException>(() => done.WaitAsync(Timeout));
        Assert.Contains("'words'", failure.Message);
    }

    [Fact]
    public async Task A_dataflow_that_stops_while_the_sink_waits_fails_the_stream()
    {
        var dataflow = await Words();
        var (input, _, probe) = dataflow.Handles;
        var (publisher, done) = this.SourceProbe<Update<string, long, long>>()
            .ToMaterialized(input.ToSink(probe, maxInFlight: 2), Keep.Both).Run(materializer);
        publisher.SendNext(At("a", 0));
        publisher.SendNext(At("b", 1));
        await dataflow.DisposeAsync();
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => done.WaitAsync(Timeout));
        Assert.Contains("'words'", failure.Message);
    }
}
