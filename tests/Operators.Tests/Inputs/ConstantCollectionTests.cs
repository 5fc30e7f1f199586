namespace AkkaDifferential.Operators.Tests.Inputs;

/// <summary>A collection built from records holds them from the minimum time on and never changes.</summary>
public sealed class ConstantCollectionTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_constant_collection_joins_with_a_changing_one()
    {
        var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var names = scope.NewCollectionFrom([(Key: 1, Value: "one"), (Key: 2, Value: "two"), (Key: 2, Value: "deux")]);
            var (input, numbers) = scope.NewCollection<(int Key, int Value)>();
            var named = numbers.JoinMap(names, static (_, count, name) => $"{count} x {name}");
            return (input, named.Capture());
        });
        await using var _ = dataflow;
        var (input, named) = dataflow.Handles;
        input.Insert((2, 7));
        input.Insert((3, 1));
        input.AdvanceTo(1);
        Assert.Equal(new Dictionary<string, long> { ["7 x two"] = 1, ["7 x deux"] = 1 }, (await named.CollectionAt(0).WaitAsync(Timeout)).ToDictionary());

        input.Remove((2, 7));
        input.Insert((1, 4));
        input.AdvanceTo(2);
        Assert.Equal(new Dictionary<string, long> { ["4 x one"] = 1 }, (await named.CollectionAt(1).WaitAsync(Timeout)).ToDictionary());
    }
}
