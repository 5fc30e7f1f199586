namespace AkkaDifferential.Operators.Tests.Builder;

/// <summary>Inputs and operators named by the user are called by those names in errors; names are unique per dataflow.</summary>
public sealed class OperatorNameTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_named_input_is_called_by_its_name_in_errors()
    {
        var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (orders, records) = scope.NewCollection<(int Customer, string Item)>("orders");
            return (orders, records.Capture());
        });
        await using var _ = dataflow;
        var (orders, capture) = dataflow.Handles;
        orders.Insert((1, "lamp"));
        orders.AdvanceTo(5);

        var early = Assert.Throws<ArgumentOutOfRangeException>(() => orders.Insert((2, "desk"), 3));
        Assert.Contains("Input 'orders' cannot accept an update at time 3", early.Message);
        var back = Assert.Throws<ArgumentOutOfRangeException>(() => orders.AdvanceTo(2));
        Assert.Contains("Input 'orders' cannot advance to time 2", back.Message);
        Assert.DoesNotContain("Input#", back.Message);

        orders.AdvanceTo(6);
        Assert.Equal(new Dictionary<(int, string), long> { [(1, "lamp")] = 1 }, (await capture.CollectionAt(5).WaitAsync(Timeout)).ToDictionary());
    }

    [Fact]
    public async Task A_named_operator_that_fails_is_called_by_its_name()
    {
        var failing = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, lines) = scope.NewCollection<string>("lines");
            var parsed = lines.Map(int.Parse, name: "parse");
            return (input, parsed.Probe());
        }, name: "parser");

        var (input, _) = failing.Handles;
        input.Insert("12");
        input.Insert("twelve");
        input.AdvanceTo(1);
        var failure = await Assert.ThrowsAsync<DataflowFailedException>(() => failing.Completion.WaitAsync(Timeout));
        Assert.Contains("Operator 'parse' at bucket", failure.Message);
        Assert.Contains("'twelve'", failure.Message);
    }

    [Fact]
    public async Task A_named_reduction_that_fails_is_called_by_its_name()
    {
        var failing = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, pairs) = scope.NewCollection<(string Item, int Price)>();
            var cheapest = pairs.Reduce((item, _) => item.Length > 3 ? throw new InvalidOperationException($"no price for {item}") : 0, name: "cheapest");
            return (input, cheapest.Probe());
        });

        var (input, _) = failing.Handles;
        input.Insert(("kettle", 30));
        input.AdvanceTo(1);
        var failure = await Assert.ThrowsAsync<DataflowFailedException>(() => failing.Completion.WaitAsync(Timeout));
        Assert.Contains("Operator 'cheapest' at bucket", failure.Message);
        Assert.Contains("no price for kettle", failure.Message);
    }

    [Fact]
    public async Task Two_operators_of_one_dataflow_cannot_share_a_name()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (_, orders) = scope.NewCollection<int>("orders");
            return orders.Map(x => x + 1, name: "orders");
        }));
        Assert.Contains("already has an operator named 'orders'", error.Message);

        var blank = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Engine.BuildAsync((Scope<long> scope) => scope.NewCollection<int>(" ")));
        Assert.Contains("cannot be blank", blank.Message);

        // The same name in two dataflows is fine: names identify operators within their dataflow.
        await using var first = await fixture.Engine.BuildAsync((Scope<long> scope) => scope.NewCollection<int>("orders"));
        await using var second = await fixture.Engine.BuildAsync((Scope<long> scope) => scope.NewCollection<int>("orders"));
    }
}
