using Akka.Streams;
using Akka.Streams.Dsl;

namespace AkkaDifferential.Streams.Tests.Docs;

/// <summary>
/// The code of docs/streams.md, compiled and run: each sample is a test, and <see cref="Every_sample_of_the_document_is_here"/>
/// checks that the document shows exactly this code.
/// </summary>
public sealed class StreamsDocSamples : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public void Every_sample_of_the_document_is_here() =>
        Assert.Empty(AkkaDifferential.Docs.DocSamples.Missing("docs/streams.md", "tests/Streams.Tests/Docs/StreamsDocSamples.cs"));

    [Fact]
    public async Task Await_foreach_over_changes()
    {
        var printed = new StringWriter();
        var Console = printed;
        using var cancellation = new CancellationTokenSource(Timeout);
        var token = cancellation.Token;
        await using var engine = DifferentialEngine.Create();
        await using var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, words) = scope.NewCollection<string>();
            return (input, words.Map(w => w.Length).Count().Changes(accumulate: true));
        });
        var (input, lengths) = dataflow.Handles;
        input.Insert("hello");
        input.Insert("world");
        input.AdvanceTo(1);
        input.Remove("world");
        input.Insert("streams");
        input.Close();

        await foreach (var step in lengths.WithCancellation(token))
        {
            Console.WriteLine($"time {step.Time}: {string.Join(", ", step.Changes)}");
            Console.WriteLine($"  lengths then: {string.Join(", ", step.Contents!.Keys)}");
        }

        Assert.Equal(
            """
            time 0: ((5, 2), 1)
              lengths then: (5, 2)
            time 1: ((5, 1), 1), ((5, 2), -1), ((7, 1), 1)
              lengths then: (5, 1), (7, 1)

            """.ReplaceLineEndings(), printed.ToString());
    }

    [Fact]
    public async Task A_stream_through_a_dataflow_into_a_stream()
    {
        var engine = new DifferentialEngine(Sys);
        var materializer = Sys.Materializer();

        var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var (orders, stream) = scope.NewCollection<(string Customer, int Amount)>("orders");
            var totals = stream.Sum();                     // (customer, total of their amounts)
            return (orders, totals.Changes(), totals.Probe());
        });
        var (orders, totals, absorbed) = dataflow.Handles;

        // Results flow out as each time closes ...
        var printed = totals.ToSource()
            .SelectMany(step => step.Changes.Where(c => c.Diff > 0).Select(c => $"{step.Time}: {c.Data.Key} {c.Data.Sum}"))
            .RunWith(Sink.Seq<string>(), materializer);

        // ... while updates flow in, each element's time advancing the input, at most 1000 not yet absorbed.
        var updates = Source.From(Enumerable.Range(0, 100))
            .Select(i => new Update<(string, int), long, long>(($"customer-{i % 3}", i), i / 10, 1));
        await updates.RunWith(orders.ToSink(absorbed, maxInFlight: 1000), materializer);

        var lines = await printed.WaitAsync(Timeout);
        Assert.Equal("9: customer-0 1683", lines[^3]);
        Assert.Equal(30, lines.Count);
        await dataflow.DisposeAsync();
    }
}
