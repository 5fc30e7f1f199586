using AkkaDifferential;

// Outside the AkkaDifferential namespace, and in a project that sees no internals of the libraries: the types used
// here are reachable only through the one using above, as in a user's program.
namespace UserProgram;

/// <summary>
/// A user's first hour, written with <c>using AkkaDifferential;</c> alone: the README's first example, a join, a
/// reduce, an iteration and an import of another dataflow's arrangement through a trace reader.
/// </summary>
public sealed class SingleUsingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_README_first_example_runs_as_written()
    {
        await using var engine = DifferentialEngine.Create();
        var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>();
            var doubled = numbers.Map(x => x * 2).Filter(x => x > 10);
            return (input, doubled.Capture(), doubled.Probe());
        });
        var (input, capture, probe) = dataflow.Handles;

        input.Insert(7);
        input.AdvanceTo(1);
        await probe.WhenPassed(0).WaitAsync(Timeout);
        var atZero = await capture.CollectionAt(0).WaitAsync(Timeout);
        Assert.Equal(new Dictionary<int, long> { [14] = 1 }, atZero.ToDictionary());

        input.Remove(7);
        input.AdvanceTo(2);
        await probe.WhenPassed(1).WaitAsync(Timeout);
        Assert.Empty(await capture.CollectionAt(1).WaitAsync(Timeout));
        Assert.Equal([new Update<int, long, long>(14, 0, 1), new Update<int, long, long>(14, 1, -1)], capture.Updates);
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
