namespace AkkaDifferential.Operators.Tests.Keyed;

/// <summary>
/// An arrangement read back as a collection (the property tests compare it with its input): an imported one can be
/// captured, with its history first, and reading it does not hold the trace's compaction back.
/// </summary>
public sealed class AsCollectionTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_imported_arrangement_can_be_captured_as_a_collection()
    {
        await using var source = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, stock) = scope.NewCollection<(string Item, int Shop)>("stock");
            var arranged = stock.ArrangeByKey();
            return (input, arranged, arranged.AsCollection().Probe());
        }, buckets: 2);
        var (input, arranged, probe) = source.Handles;
        var reader = await arranged.Trace.CreateReaderAsync().WaitAsync(Timeout);
        await using var importer = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var imported = scope.Import(reader);
            return (imported.AsCollection().Capture(), imported.AsCollection((item, shop) => $"{item}@{shop}", name: "labels").Capture());
        }, buckets: 2);
        var (pairs, labels) = importer.Handles;

        input.Insert(("tea", 1));
        input.Insert(("tea", 2));
        input.Insert(("jam", 1));
        input.AdvanceTo(1);
        input.Remove(("tea", 1));
        input.Insert(("jam", 3));
        input.AdvanceTo(2);

        Assert.Equal(new Dictionary<(string, int), long> { [("tea", 1)] = 1, [("tea", 2)] = 1, [("jam", 1)] = 1 }, (await pairs.CollectionAt(0).WaitAsync(Timeout)).ToDictionary());
        Assert.Equal(new Dictionary<(string, int), long> { [("tea", 2)] = 1, [("jam", 1)] = 1, [("jam", 3)] = 1 }, (await pairs.CollectionAt(1).WaitAsync(Timeout)).ToDictionary());
        Assert.Equal(["jam@1", "jam@3", "tea@2"], (await labels.CollectionAt(1).WaitAsync(Timeout)).Keys.Order(StringComparer.Ordinal));

        // The readers of the arrangement (its own AsCollection, the import's) let it compact as their frontiers move:
        // a reader of ours that allows everything sees the trace's compaction frontier follow the input.
        await probe.WhenPassed(1).WaitAsync(Timeout);
        var status = await arranged.Trace.CreateReaderAsync().WaitAsync(Timeout);
        status.AllowCompaction(Antichain<long>.From(long.MaxValue));
        input.AdvanceTo(3);
        await pairs.WhenPassed(2).WaitAsync(Timeout);
        await AwaitSince(status, since => since.Elements.Count == 1 && since.Elements[0] >= 2);
        status.Release();
    }

    private static async Task AwaitSince(TraceReader<string, int, long, long> reader, Func<Antichain<long>, bool> reached)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var statuses = await reader.StatusAsync();
            if (statuses.All(s => reached(s.Since)))
                return;
            Assert.True(DateTime.UtcNow < deadline, $"The trace did not compact: since {string.Join(", ", statuses.Select(s => s.Since))}");
            await Task.Delay(20);
        }
    }
}
