namespace AkkaDifferential.Operators.Tests.Recovery;

/// <summary>
/// What recovery keeps and where it stops: retention stays the size of the live input however long the history;
/// a consolidated capture that has folded its log stays exact through a loss; a dataflow that cannot recover (its
/// buckets on the driver's node, recovery off, an import, trace readers of its arrangements, no member to redeploy
/// on) fails with an error naming the loss and why, and retains nothing it does not need.
/// </summary>
public sealed class RecoveryLimitsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private const int Records = 2000;

    private sealed record Handles(InputSession<int, long, long> Input, CaptureHandle<int, long, long> Output, ProbeHandle<long> Probe);

    private static Handles Distinct(Scope<long> scope)
    {
        var (input, numbers) = scope.NewCollection<int>("numbers");
        var distinct = numbers.Distinct();
        return new Handles(input, distinct.Capture(CaptureMode.Consolidated), distinct.Probe());
    }

    [Fact]
    public async Task Retention_stays_the_size_of_the_live_input_over_many_rounds_and_a_folded_capture_stays_exact_through_a_loss()
    {
        // The session waits, after each round, until every output has passed it (nothing in flight beyond what it just
        // sent): the retention frontier, which the outputs report to the dataflow's owner, is then at most a round behind,
        // also on a cold start, when the owner may run many rounds late (its reports waiting for a thread).
        await using var losable = LosableEngine.Create("akka-differential.input-max-in-flight = 1");
        var definition = losable.Engine.Register<long, int, Handles>("distinct", static (scope, _) => Distinct(scope));
        await using var dataflow = await losable.Engine.DeployAsync(definition, 0, buckets: 3);
        var (input, output, probe) = dataflow.Handles;
        var live = new HashSet<int>();
        var largest = 0;
        for (var round = 0L; round < 30; round++)
        {
            // A window of Records values sliding by a tenth each round: old values leave, new ones come.
            var start = (int)round * (Records / 10);
            foreach (var value in live.Where(v => v < start).ToList())
            {
                input.Remove(value);
                live.Remove(value);
            }
            for (var value = start; value < start + Records; value++)
                if (live.Add(value))
                    input.Insert(value);
            if (round == 20)
                LosableEngine.Lose(dataflow, 1);
            await input.AdvanceToAsync(round + 1).WaitAsync(Timeout);
            await probe.WhenPassed(round).WaitAsync(Timeout);
            Assert.Equal(live.Order(), (await output.CollectionAt(round)).Keys.Order());
            if (round == 20)
                await LosableEngine.RecoveredAsync(dataflow, 1, Timeout);
            largest = Math.Max(largest, input.Retained);
        }
        Assert.Equal(1, dataflow.Recoveries);
        // 30 rounds accepted 13,600 updates; compacted, the live window plus the rounds not yet passed, and at most
        // three times that between compactions (one is due at twice, and a session may add half as much again while it
        // runs). 4,800-5,600 in ten runs of this test alone.
        Assert.True(largest <= 4 * Records, $"Retained up to {largest} updates for a live input of {Records}.");
        Assert.True(output.Since > 0, "The consolidated capture should have folded its log, so that its reconciliation starts from its Since.");
    }

    [Fact]
    public async Task The_embedded_engine_and_dataflows_with_recovery_off_retain_nothing()
    {
        await using var embedded = DifferentialEngine.Create();
        var local = await embedded.BuildAsync<long, Handles>(Distinct, buckets: 2);
        await using var off = LosableEngine.Create("akka-differential.recovery = off");
        var definition = off.Engine.Register<long, int, Handles>("distinct", static (scope, _) => Distinct(scope));
        await using var named = await off.Engine.DeployAsync(definition, 0, buckets: 2);
        await using (local)
            foreach (var dataflow in new[] { local, named })
            {
                var (input, _, probe) = dataflow.Handles;
                for (var value = 0; value < 3 * Records; value++)
                    input.Insert(value);
                input.AdvanceTo(1);
                await probe.WhenPassed(0).WaitAsync(Timeout);
                Assert.Equal(0, input.Retained);
            }

        LosableEngine.Lose(named, 0);
        var failure = await Assert.ThrowsAsync<DataflowFailedException>(() => named.Completion.WaitAsync(Timeout));
        Assert.Contains("bucket 0 at", failure.Message, StringComparison.Ordinal);
        Assert.Contains("the dataflow cannot go on without it (recovery is off ('akka-differential.recovery'))", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dataflow_that_imports_fails_when_it_loses_a_bucket_naming_the_import()
    {
        await using var losable = LosableEngine.Create();
        await using var source = await losable.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, pairs) = scope.NewCollection<(int, int)>();
            return (input, pairs.ArrangeByKey());
        }, buckets: 2);
        var reader = await source.Handles.Item2.Trace.CreateReaderAsync();
        var definition = losable.Engine.Register<long, TraceReader<int, int, long, long>, ProbeHandle<long>>("importer",
            static (scope, traces) => scope.Import(traces, name: "imported").AsCollection((k, v) => k + v).Probe());
        await using var importer = await losable.Engine.DeployAsync(definition, reader, buckets: 2);
        LosableEngine.Lose(importer, 1);
        var failure = await Assert.ThrowsAsync<DataflowFailedException>(() => importer.Completion.WaitAsync(Timeout));
        Assert.Contains("bucket 1 at", failure.Message, StringComparison.Ordinal);
        Assert.Contains("it imports an arrangement of another dataflow ('imported'), and a dataflow that imports does not recover", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dataflow_whose_trace_has_readers_fails_when_it_loses_a_bucket_naming_them()
    {
        await using var losable = LosableEngine.Create();
        var definition = losable.Engine.Register<long, int, (InputSession<(int, int), long, long>, Arranged<int, int, long, long>)>("arranged", static (scope, _) =>
        {
            var (input, pairs) = scope.NewCollection<(int, int)>();
            return (input, pairs.ArrangeByKey());
        });
        await using var dataflow = await losable.Engine.DeployAsync(definition, 0, buckets: 2);
        var reader = await dataflow.Handles.Item2.Trace.CreateReaderAsync();
        LosableEngine.Lose(dataflow, 0);
        var failure = await Assert.ThrowsAsync<DataflowFailedException>(() => dataflow.Completion.WaitAsync(Timeout));
        Assert.Contains("trace readers of its arrangements were created, and a dataflow whose traces are read does not recover", failure.Message, StringComparison.Ordinal);
        Assert.NotNull(reader);
    }

    [Fact]
    public async Task A_dataflow_that_cannot_redeploy_within_the_deploy_timeout_fails_naming_the_setting()
    {
        await using var losable = LosableEngine.Create("akka-differential.deploy-timeout = 2s");
        var definition = losable.Engine.Register<long, int, Handles>("distinct", static (scope, _) => Distinct(scope));
        await using var dataflow = await losable.Engine.DeployAsync(definition, 0, buckets: 3);
        dataflow.Handles.Input.Insert(1);
        losable.Placing = false;
        LosableEngine.Lose(dataflow, 2);
        var failure = await Assert.ThrowsAsync<DataflowFailedException>(() => dataflow.Completion.WaitAsync(Timeout));
        Assert.IsType<TimeoutException>(failure.InnerException);
        Assert.Contains("could not redeploy within 2 s, the 'akka-differential.deploy-timeout' setting: 3 of its 3 buckets did not start", failure.Message, StringComparison.Ordinal);
        // Accepted updates are refused no more silently than before: the session says why.
        var refused = Assert.Throws<InvalidOperationException>(() => dataflow.Handles.Input.Insert(2));
        Assert.Contains("has failed", refused.Message, StringComparison.Ordinal);
    }
}
