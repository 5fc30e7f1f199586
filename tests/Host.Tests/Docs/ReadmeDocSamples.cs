using AkkaDifferential;

namespace UserProgram.Docs;

/// <summary>
/// The README's C# samples, compiled and run as written: its first dataflow and its observation of a dataflow here,
/// its list of operators in <see cref="SingleUsingTests"/>; and a check that the README shows exactly this code (the
/// document's <c>Console</c> and <c>File</c> are a writer and a dictionary here).
/// </summary>
public sealed class ReadmeDocSamples
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void Every_sample_of_the_README_is_here() =>
        Assert.Empty(AkkaDifferential.Docs.DocSamples.Missing("README.md", "tests/Host.Tests/Docs/ReadmeDocSamples.cs", "tests/Host.Tests/Surface/SingleUsingTests.cs"));

    [Fact]
    public async Task A_first_dataflow_gives_what_the_README_says()
    {
        var (atZero, capture) = await FirstDataflow().WaitAsync(Timeout);
        Assert.Equal(new Dictionary<int, long> { [14] = 1 }, atZero.ToDictionary());
        Assert.Empty(await capture.CollectionAt(1).WaitAsync(Timeout));
        Assert.Equal([new Update<int, long, long>(14, 0, 1), new Update<int, long, long>(14, 1, -1)], capture.Updates);

        static async Task<(IReadOnlyDictionary<int, long>, CaptureHandle<int, long, long>)> FirstDataflow()
        {
            await using var engine = DifferentialEngine.Create();          // embedded single-node ActorSystem
            var dataflow = await engine.BuildAsync((Scope<long> scope) =>
            {
                var (input, numbers) = scope.NewCollection<int>();
                var doubled = numbers.Map(x => x * 2).Filter(x => x > 10);
                return (input, doubled.Capture(), doubled.Probe());
            });
            var (input, capture, probe) = dataflow.Handles;

            input.Insert(7);                 // at the session's time, 0
            input.AdvanceTo(1);              // no more updates before time 1: time 0 can complete
            await probe.WhenPassed(0);       // every output change at time 0 has been produced
            var atZero = await capture.CollectionAt(0);   // {14: 1}

            input.Remove(7);                 // at time 1
            input.AdvanceTo(2);
            await probe.WhenPassed(1);       // the output changed by (14, 1, -1)
            return (atZero, capture);
        }
    }

    [Fact]
    public async Task Observing_a_dataflow_prints_and_writes_what_the_README_says()
    {
        await using var engine = DifferentialEngine.Create();
        await using var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var (orders, orderRecords) = scope.NewCollection<(int Customer, string Item)>("orders");
            var (customers, customerRecords) = scope.NewCollection<(int Id, string Name)>("customers");
            return (orders, customers, orderRecords.Join(customerRecords, name: "orders-by-customer").Probe());
        }, buckets: 2);
        var (orders, customers, probe) = dataflow.Handles;
        foreach (var customer in Enumerable.Range(0, 10))
            customers.Insert((customer, $"customer {customer}"));
        foreach (var order in Enumerable.Range(0, 30))
            orders.Insert((order % 10, $"item {order}"));
        orders.AdvanceTo(1);
        customers.AdvanceTo(1);
        await probe.WhenPassed(0).WaitAsync(Timeout);
        var printed = new StringWriter();
        var Console = printed;
        var File = new Files();

        var snapshot = await dataflow.Metrics.SnapshotAsync();  // every bucket reports now, wherever it runs
        var join = snapshot["orders-by-customer"];              // by name (or snapshot.Operators, by index)
        Console.WriteLine($"{join.RecordsIn} in, {join.RecordsOut} out, trace {join.Arrangement}, frontier {join.Frontier}, {join.Lag} behind");
        foreach (var bucket in join.Buckets)                    // the same figures per bucket, with the member it runs on
            Console.WriteLine($"bucket {bucket.Bucket} at {bucket.Member}: {bucket.RecordsIn} in");
        File.WriteAllText("dataflow.dot", snapshot.Describe());                   // Graphviz DOT
        File.WriteAllText("dataflow.mmd", snapshot.Describe(GraphFormat.Mermaid)); // Mermaid
        var latest = dataflow.Metrics.Snapshot();               // as the buckets last reported, without waiting

        var lines = printed.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("40 in, 30 out, ", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Equal(40, join.Buckets.Sum(b => b.RecordsIn));
        Assert.All(join.Buckets, b => Assert.Contains($"bucket {b.Bucket} at akka://{engine.System.Name}", lines[b.Bucket + 1]));
        Assert.StartsWith("digraph", File.Written["dataflow.dot"]);
        Assert.Contains("orders-by-customer", File.Written["dataflow.dot"]);
        Assert.StartsWith("flowchart", File.Written["dataflow.mmd"]);
        Assert.Equal(40, latest["orders-by-customer"].RecordsIn);
    }

    /// <summary>The README's <c>File</c>: what it writes, by path.</summary>
    private sealed class Files
    {
        public Dictionary<string, string> Written { get; } = [];

        public void WriteAllText(string path, string text) => Written[path] = text;
    }
}
