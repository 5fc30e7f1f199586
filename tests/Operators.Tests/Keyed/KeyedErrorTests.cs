namespace AkkaDifferential.Operators.Tests.Keyed;

/// <summary>Bad input to keyed operators fails early and clearly, and leaves everything else working.</summary>
public sealed class KeyedErrorTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>A key type with no structural hash: its only member is an object.</summary>
    private sealed class OpaqueKey
    {
        public object? Payload { get; init; }
    }

    [Fact]
    public async Task A_reducer_that_throws_fails_its_dataflow_and_names_the_operator()
    {
        var healthy = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, keys) = scope.NewCollection<int>();
            return (input, keys.Count().Capture());
        });
        await using var _ = healthy;
        var failing = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, pairs) = scope.NewCollection<(int Key, int Value)>();
            var reduced = pairs.Reduce((key, _, _) => throw new ArithmeticException($"no result for key {key}"));
            return (input, reduced.Probe());
        }, name: "bad-reducer");

        var (badInput, _) = failing.Handles;
        badInput.Insert((7, 1));
        badInput.AdvanceTo(1);
        var failure = await Assert.ThrowsAsync<DataflowFailedException>(() => failing.Completion.WaitAsync(Timeout));
        Assert.Contains("Dataflow 'bad-reducer' failed", failure.Message);
        Assert.Matches("Operator 'Reduce#[0-9]+'", failure.Message);
        Assert.Contains("no result for key 7", failure.Message);

        var (input, counts) = healthy.Handles;
        input.Insert(3);
        input.Insert(3);
        input.AdvanceTo(1);
        Assert.Equal(new Dictionary<(int, long), long> { [(3, 2)] = 1 }, (await counts.CollectionAt(0).WaitAsync(Timeout)).ToDictionary());
    }

    [Fact]
    public async Task A_join_on_a_key_without_a_stable_hash_is_refused_when_built()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (_, left) = scope.NewCollection<(OpaqueKey Key, int Value)>();
            var (_, right) = scope.NewCollection<(OpaqueKey Key, int Value)>();
            return left.Join(right);
        }));
        Assert.Contains(nameof(OpaqueKey), error.Message);
        Assert.Contains("StableHash.Register", error.Message);
    }

    [Fact]
    public async Task A_released_reader_cannot_be_used_or_imported()
    {
        var source = await fixture.Engine.BuildAsync((Scope<long> scope) => scope.NewCollection<(int Key, int Value)>().Collection.ArrangeByKey());
        await using var _ = source;
        var reader = await source.Handles.Trace.CreateReaderAsync();
        reader.Release();

        var used = Assert.Throws<ObjectDisposedException>(() => reader.AllowCompaction(Antichain<long>.From(1)));
        Assert.Contains("it was released", used.Message);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => reader.StatusAsync());
        var imported = await Assert.ThrowsAsync<ObjectDisposedException>(() =>
            fixture.Engine.BuildAsync((Scope<long> scope) => scope.Import(reader)));
        Assert.Contains("it was released", imported.Message);
    }

    [Fact]
    public async Task The_status_through_a_reader_of_a_stopped_dataflow_is_refused_at_once_naming_it()
    {
        var source = await fixture.Engine.BuildAsync((Scope<long> scope) => scope.NewCollection<(int Key, int Value)>().Collection.ArrangeByKey(), name: "gone-status");
        var reader = await source.Handles.Trace.CreateReaderAsync();
        Assert.Equal(fixture.Engine.Settings.Buckets, (await reader.StatusAsync()).Count);
        await source.DisposeAsync();

        // Not an ask that times out: the arrangement's actors are gone.
        var error = await Assert.ThrowsAsync<ObjectDisposedException>(() => reader.StatusAsync(TimeSpan.FromSeconds(30)).WaitAsync(Timeout));
        Assert.Contains($"trace reader '{reader.Id}'", error.Message);
        Assert.Contains("dataflow 'gone-status' has been disposed", error.Message);
    }

    [Fact]
    public async Task Importing_from_a_stopped_dataflow_is_refused()
    {
        var source = await fixture.Engine.BuildAsync((Scope<long> scope) => scope.NewCollection<(int Key, int Value)>().Collection.ArrangeByKey(), name: "gone-before");
        var reader = await source.Handles.Trace.CreateReaderAsync();
        await source.DisposeAsync();

        var error = await Assert.ThrowsAsync<ObjectDisposedException>(() => fixture.Engine.BuildAsync((Scope<long> scope) => scope.Import(reader)));
        Assert.Contains("dataflow 'gone-before'", error.Message);
        Assert.Contains("has been disposed", error.Message);
    }

    [Fact]
    public async Task An_importing_dataflow_fails_clearly_when_its_source_stops()
    {
        var source = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, pairs) = scope.NewCollection<(int Key, int Value)>();
            return (input, pairs.ArrangeByKey());
        }, name: "gone-later");
        var (input, arranged) = source.Handles;
        var reader = await arranged.Trace.CreateReaderAsync();
        var importer = await fixture.Engine.BuildAsync((Scope<long> scope) =>
            scope.Import(reader).Reduce(static (_, values, output) => output.Add((values[0].Value, 1))).Capture());
        await using var _ = importer;
        input.Insert((1, 5));
        input.AdvanceTo(1);
        Assert.Equal(new Dictionary<(int, int), long> { [(1, 5)] = 1 }, (await importer.Handles.CollectionAt(0).WaitAsync(Timeout)).ToDictionary());

        await source.DisposeAsync();
        var failure = await Assert.ThrowsAsync<DataflowFailedException>(() => importer.Completion.WaitAsync(Timeout));
        Assert.Contains("imported from dataflow 'gone-later' is gone", failure.Message);
    }
}
