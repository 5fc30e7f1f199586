using Akka.TestKit.Xunit2;
using AkkaDifferential.Operators.Dataflows;
using AkkaDifferential.Operators.Runtime;

namespace AkkaDifferential.Operators.Tests.Dataflows;

/// <summary>
/// Dataflows by name: a definition registered on an engine is deployed by name with arguments and the fingerprint of
/// the driver's plan; a node that has no such definition, or builds another plan from it, refuses naming the dataflow
/// and the first difference.
/// </summary>
public sealed class DefinitionTests : TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static (InputSession<(int Key, int Value), long, long>, CaptureHandle<(int Key, long Count), long, long>, ProbeHandle<long>) Counts(Scope<long> scope, int threshold)
    {
        var (input, pairs) = scope.NewCollection<(int Key, int Value)>("pairs");
        var counts = pairs.Filter(p => p.Value > threshold).Map(p => p.Key).Count();
        return (input, counts.Capture(), counts.Probe());
    }

    /// <summary>The same dataflow with one more operator (a Consolidate before the count): another build of "counts".</summary>
    private static (InputSession<(int Key, int Value), long, long>, CaptureHandle<(int Key, long Count), long, long>, ProbeHandle<long>) CountsConsolidated(Scope<long> scope, int threshold)
    {
        var (input, pairs) = scope.NewCollection<(int Key, int Value)>("pairs");
        var counts = pairs.Filter(p => p.Value > threshold).Consolidate().Map(p => p.Key).Count();
        return (input, counts.Capture(), counts.Probe());
    }

    /// <summary>The same shape with another record type after the Map (long keys).</summary>
    private static (InputSession<(int Key, int Value), long, long>, CaptureHandle<(long Key, long Count), long, long>, ProbeHandle<long>) CountsByLong(Scope<long> scope, int threshold)
    {
        var (input, pairs) = scope.NewCollection<(int Key, int Value)>("pairs");
        var counts = pairs.Filter(p => p.Value > threshold).Map(p => (long)p.Key).Count();
        return (input, counts.Capture(), counts.Probe());
    }

    [Fact]
    public async Task A_registered_definition_deploys_by_name_with_its_arguments()
    {
        await using var engine = DifferentialEngine.Create();
        var definition = engine.Register<long, int, (InputSession<(int Key, int Value), long, long>, CaptureHandle<(int Key, long Count), long, long>, ProbeHandle<long>)>("counts", Counts);
        await using var dataflow = await engine.DeployAsync(definition, 10, buckets: 3);
        Assert.Equal("counts", dataflow.Name);
        var (input, capture, probe) = dataflow.Handles;
        foreach (var (key, value) in new[] { (1, 5), (1, 11), (1, 12), (2, 20), (3, 1) })
            input.Insert((key, value));
        input.AdvanceTo(1);
        await probe.WhenPassed(0).WaitAsync(Timeout);
        Assert.Equal(new Dictionary<(int, long), long> { [(1, 2)] = 1, [(2, 1)] = 1 }, (await capture.CollectionAt(0).WaitAsync(Timeout)).ToDictionary());
        Assert.Equal(0, engine.Plans.Count - 1);
        await dataflow.DisposeAsync();
        Assert.Equal(0, engine.Plans.Count);
    }

    [Fact]
    public void The_same_definition_has_the_same_description_and_fingerprint_in_every_build_and_argument()
    {
        var first = Describe("counts", Counts, 10);
        var second = Describe("counts", Counts, 99);
        Assert.Equal(first.Plan, second.Plan);
        Assert.Equal(first.Fingerprint, second.Fingerprint);
        Assert.NotEqual(first.Fingerprint, Describe("counts", CountsConsolidated, 10).Fingerprint);
        Assert.NotEqual(first.Fingerprint, Describe("counts", CountsByLong, 10).Fingerprint);
        // The description says what a node compares: kinds, names, sources and pacts, record/time/difference types.
        Assert.Equal("time System.Int64", first.Plan[0]);
        Assert.Contains(first.Plan, line => line.StartsWith("0 Input 'pairs' in [] out [System.ValueTuple`2[System.Int32,System.Int32] at System.Int64 by System.Int64]", StringComparison.Ordinal));
        Assert.Contains(first.Plan, line => line.Contains(" ArrangeByKey ", StringComparison.Ordinal) && line.Contains("Exchange", StringComparison.Ordinal));
    }

    [Fact]
    public void A_node_whose_build_differs_refuses_naming_the_dataflow_and_the_first_difference()
    {
        var deployment = Describe("counts", Counts, 10);
        var registry = new DefinitionRegistry();
        registry.Add(Define<(int Key, int Value), (long Key, long Count)>("counts", CountsByLong));
        var node = new NodePlans(registry, DataflowSettings.Default, "node-b");

        Assert.False(node.TryResolve(deployment, out _, out var refusal));
        Assert.Contains("Dataflow 'counts' cannot start a bucket on node node-b", refusal, StringComparison.Ordinal);
        Assert.Contains("operator 2: node node-b has '2 Map 'Map#2'", refusal, StringComparison.Ordinal);
        Assert.Contains("System.Int64", refusal, StringComparison.Ordinal);
        Assert.Contains("the driver has '2 Map 'Map#2'", refusal, StringComparison.Ordinal);
        Assert.Equal(0, node.Count);

        var longer = new DefinitionRegistry();
        longer.Add(Define<(int Key, int Value), (int Key, long Count)>("counts", CountsConsolidated));
        Assert.False(new NodePlans(longer, DataflowSettings.Default, "node-c").TryResolve(deployment, out _, out var other));
        Assert.Contains("operator 2: node node-c has '2 Consolidate", other, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_without_the_definition_refuses_naming_it_and_what_it_has()
    {
        var deployment = Describe("counts", Counts, 10);
        var registry = new DefinitionRegistry();
        registry.Add(Define<(int Key, int Value), (long Key, long Count)>("other", CountsByLong));
        Assert.False(new NodePlans(registry, DataflowSettings.Default, "node-b").TryResolve(deployment, out _, out var refusal));
        Assert.Contains("no definition named 'counts' is registered there (registered: 'other')", refusal, StringComparison.Ordinal);

        Assert.False(new NodePlans(registry, DataflowSettings.Default, "node-b").TryResolve(deployment with { Definition = null }, out _, out var lambda));
        Assert.Contains("built from a lambda by BuildAsync", lambda, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_that_builds_the_same_plan_resolves_it_once_and_frees_it_with_its_last_bucket()
    {
        var deployment = Describe("counts", Counts, 10);
        var registry = new DefinitionRegistry();
        registry.Add(Define<(int Key, int Value), (int Key, long Count)>("counts", Counts));
        var node = new NodePlans(registry, DataflowSettings.Default, "node-b");
        Assert.True(node.TryResolve(deployment, out var first, out _));
        Assert.True(node.TryResolve(deployment, out var second, out _));
        Assert.Same(first, second);
        node.Release(deployment.Id);
        Assert.Equal(1, node.Count);
        node.Release(deployment.Id);
        Assert.Equal(0, node.Count);
    }

    [Fact]
    public void A_bucket_whose_node_refuses_tells_the_owner_and_stops()
    {
        var deployment = Describe("counts", Counts, 10);
        var node = new NodePlans(new DefinitionRegistry(), DataflowSettings.Default, "node-b");
        var owner = CreateTestProbe();
        var bucket = Sys.ActorOf(BucketActor.Props(node, owner.Ref, DataflowSettings.Default));
        Watch(bucket);
        bucket.Tell(new RuntimeProtocol.StartBucket(deployment, 1, owner.Ref, new Dictionary<int, Akka.Actor.IActorRef>()), Akka.Actor.ActorRefs.NoSender);
        var refused = owner.ExpectMsg<RuntimeProtocol.BucketRefused>(Timeout);
        Assert.Equal(1, refused.Bucket);
        Assert.Contains("no definition named 'counts'", refused.Reason, StringComparison.Ordinal);
        ExpectTerminated(bucket, Timeout);
    }

    [Fact]
    public async Task Registering_a_name_twice_or_deploying_an_unregistered_definition_is_refused()
    {
        await using var engine = DifferentialEngine.Create();
        await using var other = DifferentialEngine.Create();
        engine.Register<long, int, (InputSession<(int Key, int Value), long, long>, CaptureHandle<(int Key, long Count), long, long>, ProbeHandle<long>)>("counts", Counts);
        var again = Assert.Throws<ArgumentException>(() => engine.Register<long, int, (InputSession<(int Key, int Value), long, long>, CaptureHandle<(long Key, long Count), long, long>, ProbeHandle<long>)>("counts", CountsByLong));
        Assert.Contains("'counts' is already registered", again.Message, StringComparison.Ordinal);
        var elsewhere = other.Register<long, int, (InputSession<(int Key, int Value), long, long>, CaptureHandle<(int Key, long Count), long, long>, ProbeHandle<long>)>("elsewhere", Counts);
        var unregistered = await Assert.ThrowsAsync<ArgumentException>(() => engine.DeployAsync(elsewhere, 1));
        Assert.Contains("'elsewhere' is not registered on this engine", unregistered.Message, StringComparison.Ordinal);
    }

    private static RuntimeProtocol.Deployment Describe<TOut>(string name, Func<Scope<long>, int, (InputSession<(int Key, int Value), long, long>, CaptureHandle<TOut, long, long>, ProbeHandle<long>)> build, int threshold)
        where TOut : notnull
    {
        var definition = Define<(int Key, int Value), TOut>(name, build);
        var id = DataflowId.New(name);
        var built = definition.Build(threshold, new DataflowState(id), DataflowSettings.Default, 4);
        return new RuntimeProtocol.Deployment(id, name, threshold, 4, built.Description.Lines, built.Description.Fingerprint);
    }

    /// <summary>A definition outside any engine, as another node's registry holds it.</summary>
    private static DataflowDefinition<long, int, (InputSession<TIn, long, long>, CaptureHandle<TOut, long, long>, ProbeHandle<long>)> Define<TIn, TOut>(
        string name, Func<Scope<long>, int, (InputSession<TIn, long, long>, CaptureHandle<TOut, long, long>, ProbeHandle<long>)> build)
        where TIn : notnull
        where TOut : notnull =>
        new(name, build, local: false);
}
