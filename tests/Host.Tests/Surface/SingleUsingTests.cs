using AkkaDifferential;

// Outside the AkkaDifferential namespace, and in a project that sees no internals of the libraries: the types used
// here are reachable only through the one using above, as in a user's program.
namespace UserProgram;

/// <summary>
/// A user's first hour, written with <c>using AkkaDifferential;</c> alone: the README's list of operators (with every
/// type argument inferred; its first example is run by ReadmeDocSamples), a join, a reduce, an iteration and an
/// import of another dataflow's arrangement through a trace reader.
/// </summary>
public sealed class SingleUsingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_README_operator_examples_run_as_written_with_their_types_inferred()
    {
        await using var engine = DifferentialEngine.Create();
        await using var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var (priceInput, prices) = scope.NewCollection<(string Item, int Price)>("prices");
            var (orderInput, orders) = scope.NewCollection<(int Customer, string Item)>("orders");
            var (customerInput, customers) = scope.NewCollection<(int Id, string Name)>("customers");
            var (stockInput, stock) = scope.NewCollection<(string Item, int Count)>("stock");
            var (clickInput, clicks) = scope.NewCollection<string>("clicks");

            // As in the README's list of operators.
            var cents = prices.Map(p => (p.Item, p.Price * 100));
            var cheap = prices.Filter(p => p.Price < 5);
            var units = stock.Explode(s => new[] { (s.Item, (long)s.Count) });  // each item Count times
            var hourly = clicks.Delay(t => (t / 3600 + 1) * 3600);  // every click at the end of its hour
            var lowest = prices.Min();  // (item, least price)
            var highest = prices.Max();  // (item, greatest price)
            var total = prices.Sum();  // (item, sum of its prices)
            var top2 = prices.TopK(2);  // (item, price) for its two greatest prices
            var offers = prices.Reduce((item, values) => values.Length);  // any function of a key's values
            var dearest = prices.Reduce((item, values, output) => output.Add(values[^1]));  // or logic adding outputs
            var items = prices.Map(p => p.Item).Count();  // (item, how many prices)
            var named = orders.Join(customers);  // (id, (item, name))
            var every = orders.LeftJoin(customers);  // (id, (item, Some(name) or None))
            var indexed = prices.ArrangeByKey();  // arranged once, read by many
            var back = indexed.AsCollection((item, price) => $"{item}: {price}");

            return new
            {
                Inputs = (priceInput, orderInput, customerInput, stockInput, clickInput),
                Cents = cents.Capture(),
                Cheap = cheap.Capture(),
                Units = units.Capture(),
                Hourly = hourly.Capture(),
                Lowest = lowest.Capture(),
                Highest = highest.Capture(),
                Total = total.Capture(),
                Top2 = top2.Capture(),
                Offers = offers.Capture(),
                Dearest = dearest.Capture(),
                Items = items.Capture(),
                Named = named.Capture(),
                Every = every.Capture(),
                Back = back.Capture(),
            };
        });
        var handles = dataflow.Handles;
        var (priceInput, orderInput, customerInput, stockInput, clickInput) = handles.Inputs;
        foreach (var price in new[] { ("tea", 4), ("tea", 3), ("tea", 4), ("jam", 6) })
            priceInput.Insert(price);
        orderInput.Insert((1, "lamp"));
        orderInput.Insert((3, "chair"));
        customerInput.Insert((1, "ada"));
        customerInput.Insert((2, "bob"));
        stockInput.Insert(("pen", 3));
        clickInput.Insert("home", 10);
        clickInput.Insert("about", 4000);
        priceInput.AdvanceTo(8000);
        orderInput.AdvanceTo(8000);
        customerInput.AdvanceTo(1);
        stockInput.AdvanceTo(8000);
        clickInput.AdvanceTo(8000);

        static async Task<Dictionary<T, long>> At<T>(CaptureHandle<T, long, long> capture, long time) where T : notnull =>
            (await capture.CollectionAt(time).WaitAsync(Timeout)).ToDictionary();

        Assert.Equal(new() { [("tea", 400)] = 2, [("tea", 300)] = 1, [("jam", 600)] = 1 }, await At(handles.Cents, 0));
        Assert.Equal(new() { [("tea", 4)] = 2, [("tea", 3)] = 1 }, await At(handles.Cheap, 0));
        Assert.Equal(new() { ["pen"] = 3 }, await At(handles.Units, 0));
        Assert.Empty(await At(handles.Hourly, 3599));
        Assert.Equal(new() { ["home"] = 1 }, await At(handles.Hourly, 3600));
        Assert.Equal(new() { ["home"] = 1, ["about"] = 1 }, await At(handles.Hourly, 7200));
        Assert.Equal(new() { [("tea", 3)] = 1, [("jam", 6)] = 1 }, await At(handles.Lowest, 0));
        Assert.Equal(new() { [("tea", 4)] = 1, [("jam", 6)] = 1 }, await At(handles.Highest, 0));
        Assert.Equal(new() { [("tea", 11)] = 1, [("jam", 6)] = 1 }, await At(handles.Total, 0));
        Assert.Equal(new() { [("tea", 4)] = 2, [("jam", 6)] = 1 }, await At(handles.Top2, 0));
        Assert.Equal(new() { [("tea", 2)] = 1, [("jam", 1)] = 1 }, await At(handles.Offers, 0));
        Assert.Equal(new() { [("tea", 4)] = 2, [("jam", 6)] = 1 }, await At(handles.Dearest, 0));
        Assert.Equal(new() { [("tea", 3L)] = 1, [("jam", 1L)] = 1 }, await At(handles.Items, 0));
        Assert.Equal(new() { [(1, ("lamp", "ada"))] = 1 }, await At(handles.Named, 0));
        Assert.Equal(new() { [(1, ("lamp", Optional.Some("ada")))] = 1, [(3, ("chair", Optional<string>.None))] = 1 }, await At(handles.Every, 0));
        Assert.Equal(new() { ["tea: 4"] = 2, ["tea: 3"] = 1, ["jam: 6"] = 1 }, await At(handles.Back, 0));

        // The chair's customer arrives: the left join retracts its None and pairs it with her.
        customerInput.Insert((3, "cy"));
        customerInput.AdvanceTo(2);
        Assert.Equal(new() { [(1, ("lamp", Optional.Some("ada")))] = 1, [(3, ("chair", Optional.Some("cy")))] = 1 }, await At(handles.Every, 1));
    }

    [Fact]
    public async Task A_join_pairs_orders_with_their_customers_and_follows_changes()
    {
        await using var engine = DifferentialEngine.Create();
        await using var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var (customers, customerRecords) = scope.NewCollection<(int Id, string Name)>();
            var (orders, orderRecords) = scope.NewCollection<(int Customer, string Item)>();
            var named = orderRecords.JoinMap(customerRecords, static (_, item, name) => (name, item));
            return (customers, orders, named.Capture());
        });
        var (customers, orders, named) = dataflow.Handles;

        customers.Insert((1, "ada"));
        customers.Insert((2, "bob"));
        orders.Insert((1, "lamp"));
        orders.Insert((2, "desk"));
        orders.Insert((3, "chair"));         // no such customer yet
        customers.AdvanceTo(1);
        orders.AdvanceTo(1);
        Assert.Equal(
            new Dictionary<(string, string), long> { [("ada", "lamp")] = 1, [("bob", "desk")] = 1 },
            (await named.CollectionAt(0).WaitAsync(Timeout)).ToDictionary());

        customers.Insert((3, "cy"));         // the chair order now has its customer
        customers.Remove((2, "bob"));        // and bob's desk has none
        customers.AdvanceTo(2);
        orders.AdvanceTo(2);
        Assert.Equal(
            new Dictionary<(string, string), long> { [("ada", "lamp")] = 1, [("cy", "chair")] = 1 },
            (await named.CollectionAt(1).WaitAsync(Timeout)).ToDictionary());
    }

    [Fact]
    public async Task A_reduce_keeps_each_key_s_minimum_and_count()
    {
        await using var engine = DifferentialEngine.Create();
        await using var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, prices) = scope.NewCollection<(string Item, int Price)>();
            var cheapest = prices.Reduce(static (_, values) => values[0].Value);
            var offers = prices.Map(static p => p.Item).Count();
            return (input, cheapest.Capture(), offers.Capture());
        });
        var (input, cheapest, offers) = dataflow.Handles;

        input.Insert(("tea", 4));
        input.Insert(("tea", 3));
        input.Insert(("jam", 6));
        input.AdvanceTo(1);
        Assert.Equal(new Dictionary<(string, int), long> { [("tea", 3)] = 1, [("jam", 6)] = 1 }, (await cheapest.CollectionAt(0).WaitAsync(Timeout)).ToDictionary());
        Assert.Equal(new Dictionary<(string, long), long> { [("tea", 2)] = 1, [("jam", 1)] = 1 }, (await offers.CollectionAt(0).WaitAsync(Timeout)).ToDictionary());

        input.Remove(("tea", 3));
        input.AdvanceTo(2);
        Assert.Equal(new Dictionary<(string, int), long> { [("tea", 4)] = 1, [("jam", 6)] = 1 }, (await cheapest.CollectionAt(1).WaitAsync(Timeout)).ToDictionary());
        Assert.Equal(new Dictionary<(string, long), long> { [("tea", 1)] = 1, [("jam", 1)] = 1 }, (await offers.CollectionAt(1).WaitAsync(Timeout)).ToDictionary());
    }

    [Fact]
    public async Task An_iteration_computes_reachability_and_updates_it_when_an_edge_goes()
    {
        await using var engine = DifferentialEngine.Create();
        await using var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var (edges, edgeRecords) = scope.NewCollection<(int From, int To)>();
            var (roots, rootRecords) = scope.NewCollection<int>();
            var reached = rootRecords.Iterate(reach =>
            {
                var inner = edgeRecords.Enter(reach.Scope);
                var steps = reach.Map(static node => (node, 0)).JoinMap(inner, static (_, _, to) => to);
                return steps.Concat(rootRecords.Enter(reach.Scope)).Distinct();
            });
            return (edges, roots, reached.Capture());
        });
        var (edges, roots, reached) = dataflow.Handles;

        foreach (var edge in new[] { (1, 2), (2, 3), (3, 1), (3, 4), (5, 6) })
            edges.Insert(edge);
        roots.Insert(1);
        edges.AdvanceTo(1);
        roots.AdvanceTo(1);
        Assert.Equal([1, 2, 3, 4], (await reached.CollectionAt(0).WaitAsync(Timeout)).Keys.Order());

        edges.Remove((2, 3));                // 3 and 4 are no longer reachable, despite the cycle through 3
        edges.AdvanceTo(2);
        roots.AdvanceTo(2);
        Assert.Equal([1, 2], (await reached.CollectionAt(1).WaitAsync(Timeout)).Keys.Order());
    }

    [Fact]
    public async Task Another_dataflow_imports_an_arrangement_through_a_trace_reader()
    {
        await using var engine = DifferentialEngine.Create();
        await using var source = await engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, stock) = scope.NewCollection<(string Item, int Shop)>();
            return (input, stock.ArrangeByKey());
        });
        var (input, arranged) = source.Handles;
        var reader = await arranged.Trace.CreateReaderAsync().WaitAsync(Timeout);

        await using var importer = await engine.BuildAsync((Scope<long> scope) =>
        {
            var shops = scope.Import(reader).Reduce(static (_, values) =>
            {
                long count = 0;
                foreach (var (_, diff) in values) count += diff;
                return count;
            });
            return shops.Capture();
        });
        var shops = importer.Handles;

        input.Insert(("tea", 1));
        input.Insert(("tea", 2));
        input.Insert(("jam", 1));
        input.AdvanceTo(1);
        Assert.Equal(new Dictionary<(string, long), long> { [("tea", 2)] = 1, [("jam", 1)] = 1 }, (await shops.CollectionAt(0).WaitAsync(Timeout)).ToDictionary());

        input.Remove(("tea", 1));
        input.AdvanceTo(2);
        Assert.Equal(new Dictionary<(string, long), long> { [("tea", 1)] = 1, [("jam", 1)] = 1 }, (await shops.CollectionAt(1).WaitAsync(Timeout)).ToDictionary());

        // A reader of one's own reports the trace's state at every bucket.
        var holder = await arranged.Trace.CreateReaderAsync().WaitAsync(Timeout);
        IReadOnlyList<TraceStatus<long>> statuses = await holder.StatusAsync();
        Assert.Equal(engine.Settings.Buckets, statuses.Count);
        Assert.All(statuses, status => Assert.Contains(holder.Id, status.Readers));
        holder.Release();
    }
}
