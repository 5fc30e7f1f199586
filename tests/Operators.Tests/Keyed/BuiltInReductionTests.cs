namespace AkkaDifferential.Operators.Tests.Keyed;

/// <summary>
/// The built-in reductions and the left join beyond what the property tests compare with recomputation: their
/// treatment of absent values, their errors, and records holding <see cref="Optional{T}"/> as keys of later operators.
/// </summary>
public sealed class BuiltInReductionTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Min_max_and_top_k_see_only_values_present_and_top_k_counts_copies()
    {
        await using var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, pairs) = scope.NewCollection<(string Key, int Value)>();
            return (input, pairs.Min().Capture(), pairs.Max().Capture(), pairs.TopK(3).Capture(), pairs.Sum().Capture());
        });
        var (input, min, max, top, sum) = dataflow.Handles;
        input.Update(("a", 1), -1);      // more removed than inserted: not present
        input.Update(("a", 9), -2);
        input.Update(("a", 5), 2);
        input.Insert(("a", 7));
        input.Update(("b", 4), -1);      // a key with no value present has no min, max or top values
        input.AdvanceTo(1);

        Assert.Equal(new Dictionary<(string, int), long> { [("a", 5)] = 1 }, (await min.CollectionAt(0).WaitAsync(Timeout)).ToDictionary());
        Assert.Equal(new Dictionary<(string, int), long> { [("a", 7)] = 1 }, (await max.CollectionAt(0).WaitAsync(Timeout)).ToDictionary());
        Assert.Equal(new Dictionary<(string, int), long> { [("a", 7)] = 1, [("a", 5)] = 2 }, (await top.CollectionAt(0).WaitAsync(Timeout)).ToDictionary());
        // The sum weighs every value by its multiplicity, absent ones too: -1 - 18 + 10 + 7, and -4.
        Assert.Equal(new Dictionary<(string, int), long> { [("a", -2)] = 1, [("b", -4)] = 1 }, (await sum.CollectionAt(0).WaitAsync(Timeout)).ToDictionary());
    }

    [Fact]
    public async Task A_sum_that_overflows_fails_its_dataflow_naming_the_operator()
    {
        var failing = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, pairs) = scope.NewCollection<(string Key, int Value)>();
            return (input, pairs.Sum(name: "totals").Probe());
        });
        var (input, _) = failing.Handles;
        input.Insert(("a", int.MaxValue));
        input.Insert(("a", 1));
        input.AdvanceTo(1);

        var failure = await Assert.ThrowsAsync<DataflowFailedException>(() => failing.Completion.WaitAsync(Timeout));
        Assert.Contains("Operator 'totals'", failure.Message);
        Assert.Contains(nameof(OverflowException), failure.Message);
    }

    [Fact]
    public async Task Top_k_of_fewer_than_one_record_is_refused_when_built()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (_, pairs) = scope.NewCollection<(string Key, int Value)>();
            return pairs.TopK(0);
        }));
        Assert.Equal("k", error.ParamName);
    }

    [Fact]
    public async Task Left_join_records_can_be_counted_and_arranged_like_any_records()
    {
        await using var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (orders, orderRecords) = scope.NewCollection<(int Customer, string Item)>();
            var (customers, customerRecords) = scope.NewCollection<(int Id, string Name)>();
            // Counting needs the records' stable hash and order, Optional included.
            var byCustomer = orderRecords.LeftJoin(customerRecords).Map(r => r.Value.Right).Count();
            return (orders, customers, byCustomer.Capture());
        }, buckets: 3);
        var (orders, customers, byCustomer) = dataflow.Handles;
        orders.Insert((1, "lamp"));
        orders.Insert((1, "desk"));
        orders.Insert((2, "pen"));
        orders.Insert((3, "cup"));
        customers.Insert((1, "ada"));
        orders.AdvanceTo(1);
        customers.AdvanceTo(1);
        Assert.Equal(
            new Dictionary<(Optional<string>, long), long> { [(Optional.Some("ada"), 2)] = 1, [(Optional<string>.None, 2)] = 1 },
            (await byCustomer.CollectionAt(0).WaitAsync(Timeout)).ToDictionary());

        Assert.True(DataOrder<Optional<string>>.Compare(Optional<string>.None, Optional.Some("")) < 0);
        Assert.Equal(StableHash<Optional<int>>.Hash(Optional.Some(4)), StableHash<Optional<int>>.Hash(Optional.Some(4)));
        Assert.NotEqual(StableHash<Optional<int>>.Hash(Optional.Some(0)), StableHash<Optional<int>>.Hash(Optional<int>.None));
        Assert.Equal("Some(ada)", Optional.Some("ada").ToString());
        Assert.Equal("None", Optional<string>.None.ToString());
        Assert.Equal("cy", Optional<string>.None.ValueOr("cy"));
    }
}
