using System.Collections.Concurrent;
using AkkaDifferential;

namespace UserProgram.Docs;

/// <summary>
/// The examples of docs/operators.md, compiled and run: each test builds the document's lines and checks every result
/// its comments give; <see cref="Every_sample_of_the_document_is_here"/> checks that the document shows this code.
/// </summary>
public sealed class OperatorsDocSamples
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void Every_sample_of_the_document_is_here() =>
        Assert.Empty(AkkaDifferential.Docs.DocSamples.Missing("docs/operators.md", "tests/Host.Tests/Docs/OperatorsDocSamples.cs"));

    [Fact]
    public async Task Linear_operators()
    {
        await using var engine = DifferentialEngine.Create();
        await using var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var numbers = scope.NewCollectionFrom(new[] { 1, 2, 3, 4 });
            var squares = numbers.Map(x => x * x);                        // 1, 4, 9, 16
            var digits = numbers.FlatMap(x => Enumerable.Range(0, x));    // 0 four times, 1 three times, 2 twice, 3 once
            var even = numbers.Filter(x => x % 2 == 0);                   // 2, 4
            var odd = numbers.Concat(even.Negate());                      // 1, 3: the numbers less the even ones
            var all = scope.Concatenate([numbers, squares, even]);        // 1 and 2 twice, 3, 4 three times, 9, 16
            var tidy = odd.Consolidate();                                 // 1, 3, with the +2 and -2 of 2 summed away
            return (squares.Capture(), digits.Capture(), even.Capture(), odd.Capture(), all.Capture(), tidy.Capture());
        });
        var (squares, digits, even, odd, all, tidy) = dataflow.Handles;

        Assert.Equal(Bag(1, 4, 9, 16), await At(squares));
        Assert.Equal(Bag(0, 0, 0, 0, 1, 1, 1, 2, 2, 3), await At(digits));
        Assert.Equal(Bag(2, 4), await At(even));
        Assert.Equal(Bag(1, 3), await At(odd));
        Assert.Equal(Bag(1, 1, 2, 2, 3, 4, 4, 4, 9, 16), await At(all));
        Assert.Equal(Bag(1, 3), await At(tidy));
        Assert.Equal([1, 3], tidy.Updates.Select(u => u.Data).Order());
    }

    [Fact]
    public async Task Inspecting_exploding_and_delaying()
    {
        await using var engine = DifferentialEngine.Create();
        var seen = new ConcurrentQueue<string>();
        var batches = 0;
        await using var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var numbers = scope.NewCollectionFrom(new[] { 1, 2, 3, 4 });
            var logged = numbers.Inspect(u => seen.Enqueue($"{u.Data}@{u.Time}"));          // seen: 1@0, 2@0, 3@0, 4@0, in any order
            var counted = numbers.InspectBatch(batch => Interlocked.Increment(ref batches)); // one call a batch, not a record
            var copies = numbers.Explode(x => new[] { (x, (long)x) });                       // each number x, x times
            var later = numbers.Delay(t => t + 10);                                           // the same numbers, from time 10 on
            return (logged.Probe(), counted.Probe(), copies.Capture(), later.Capture());
        });
        var (logged, counted, copies, later) = dataflow.Handles;

        await Task.WhenAll(logged.WhenDone(), counted.WhenDone()).WaitAsync(Timeout);
        Assert.Equal(["1@0", "2@0", "3@0", "4@0"], seen.Order());
        Assert.InRange(batches, 1, 4);
        Assert.Equal(Bag(1, 2, 2, 3, 3, 3, 4, 4, 4, 4), await At(copies));
        Assert.Empty(await At(later, 9));
        Assert.Equal(Bag(1, 2, 3, 4), await At(later, 10));
    }

    [Fact]
    public async Task Arrangements()
    {
        await using var engine = DifferentialEngine.Create();
        await using var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var prices = scope.NewCollectionFrom(new[] { ("tea", 4), ("tea", 3), ("jam", 6) });
            var byItem = prices.ArrangeByKey();                                     // one trace, read by every operator given it
            var listed = byItem.AsCollection((item, price) => $"{item} {price}");   // "tea 4", "tea 3", "jam 6"
            var items = prices.Map(p => p.Item1).ArrangeBySelf();                   // the items as keys, with no values
            return (listed.Capture(), items.AsCollection().Capture());
        });
        var (listed, items) = dataflow.Handles;

        Assert.Equal(Bag("tea 4", "tea 3", "jam 6"), await At(listed));
        Assert.Equal(Bag(("tea", default(Unit)), ("tea", default(Unit)), ("jam", default(Unit))), await At(items));
    }

    [Fact]
    public async Task Hashed_arrangements()
    {
        await using var engine = DifferentialEngine.Create();
        await using var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var prices = scope.NewCollectionFrom(new[] { ("tea", 4), ("tea", 3), ("jam", 6) });
            var hashed = prices.ArrangeByKey(layout: KeyLayout.Hashed);             // keys placed by hash: a seek is a probe
            var cheapest = hashed.Reduce((item, input) => input[0].Value);          // (tea, 3), (jam, 6)
            return cheapest.Capture();
        });

        Assert.Equal(Bag(("tea", 3), ("jam", 6)), await At(dataflow.Handles));
    }

    [Fact]
    public async Task Joins()
    {
        await using var engine = DifferentialEngine.Create();
        await using var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var orders = scope.NewCollectionFrom(new[] { (1, "lamp"), (1, "desk"), (3, "chair") });    // (customer, item)
            var customers = scope.NewCollectionFrom(new[] { (1, "Ada"), (2, "Grace") });              // (id, name)
            var named = orders.Join(customers);                                       // (1, (lamp, Ada)), (1, (desk, Ada))
            var labels = orders.JoinMap(customers, (id, item, name) => $"{name}: {item}");  // "Ada: lamp", "Ada: desk"
            var every = orders.LeftJoin(customers);                                   // those two, and (3, (chair, None))
            var known = orders.Semijoin(customers.Map(c => c.Item1));                 // (1, lamp), (1, desk)
            var unknown = orders.Antijoin(customers.Map(c => c.Item1));               // (3, chair)
            var byName = orders.ArrangeByKey().JoinCore(customers.ArrangeByKey(), (id, item, name) => (name, item));  // (Ada, lamp), (Ada, desk)
            return (named.Capture(), labels.Capture(), every.Capture(), known.Capture(), unknown.Capture(), byName.Capture());
        });
        var (named, labels, every, known, unknown, byName) = dataflow.Handles;

        Assert.Equal(Bag((1, ("lamp", "Ada")), (1, ("desk", "Ada"))), await At(named));
        Assert.Equal(Bag("Ada: lamp", "Ada: desk"), await At(labels));
        Assert.Equal(Bag((1, ("lamp", Optional.Some("Ada"))), (1, ("desk", Optional.Some("Ada"))), (3, ("chair", Optional<string>.None))), await At(every));
        Assert.Equal(Bag((1, "lamp"), (1, "desk")), await At(known));
        Assert.Equal(Bag((3, "chair")), await At(unknown));
        Assert.Equal(Bag(("Ada", "lamp"), ("Ada", "desk")), await At(byName));
    }

    [Fact]
    public async Task Reductions()
    {
        await using var engine = DifferentialEngine.Create();
        await using var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var prices = scope.NewCollectionFrom(new[] { ("tea", 4), ("tea", 3), ("tea", 4), ("jam", 6) });
            var lowest = prices.Min();                                     // (tea, 3), (jam, 6)
            var highest = prices.Max();                                    // (tea, 4), (jam, 6)
            var total = prices.Sum();                                      // (tea, 11), (jam, 6)
            var top2 = prices.TopK(2);                                     // (tea, 4) twice, (jam, 6)
            var offers = prices.Reduce((item, values) => values.Length);   // (tea, 2), (jam, 1): distinct prices
            var dearest = prices.Reduce((item, values, output) => output.Add(values[^1]));  // (tea, 4) twice, (jam, 6)
            var counts = prices.Map(p => p.Item1).Count();                 // (tea, 3), (jam, 1)
            var items = prices.Map(p => p.Item1).Distinct();               // tea, jam
            var repeated = prices.Threshold((price, count) => count > 1 ? 1L : 0L);  // (tea, 4): prices given more than once
            return new
            {
                Lowest = lowest.Capture(), Highest = highest.Capture(), Total = total.Capture(), Top2 = top2.Capture(),
                Offers = offers.Capture(), Dearest = dearest.Capture(), Counts = counts.Capture(), Items = items.Capture(),
                Repeated = repeated.Capture(),
            };
        });
        var results = dataflow.Handles;

        Assert.Equal(Bag(("tea", 3), ("jam", 6)), await At(results.Lowest));
        Assert.Equal(Bag(("tea", 4), ("jam", 6)), await At(results.Highest));
        Assert.Equal(Bag(("tea", 11), ("jam", 6)), await At(results.Total));
        Assert.Equal(Bag(("tea", 4), ("tea", 4), ("jam", 6)), await At(results.Top2));
        Assert.Equal(Bag(("tea", 2), ("jam", 1)), await At(results.Offers));
        Assert.Equal(Bag(("tea", 4), ("tea", 4), ("jam", 6)), await At(results.Dearest));
        Assert.Equal(Bag(("tea", 3L), ("jam", 1L)), await At(results.Counts));
        Assert.Equal(Bag("tea", "jam"), await At(results.Items));
        Assert.Equal(Bag(("tea", 4)), await At(results.Repeated));
    }

    [Fact]
    public async Task Iteration()
    {
        await using var engine = DifferentialEngine.Create();
        await using var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var edges = scope.NewCollectionFrom(new[] { (0, 1), (1, 2), (2, 0), (3, 4) });   // (from, to)
            var roots = scope.NewCollectionFrom(new[] { 0 });
            var reached = roots.Iterate(reach =>                                              // 0, 1, 2
                reach.Map(node => (node, 0))
                    .JoinMap(edges.Enter(reach.Scope), (node, _, to) => to)
                    .Concat(roots.Enter(reach.Scope))
                    .Distinct());

            var arrangedEdges = edges.ArrangeByKey();
            var hops = scope.Iterative(inner =>                                               // (0, 0), (1, 1), (2, 2)
            {
                var start = roots.Enter(inner).Map(node => (node, 0));
                var distance = Variable<(int, int), long, long>.NewFrom(start);
                var next = distance.Collection.ArrangeByKey()
                    .JoinCore(arrangedEdges.Enter(inner), (node, d, to) => (to, d + 1))
                    .Concat(start)
                    .Min();
                return distance.Set(next).Leave();
            });
            return (reached.Capture(), hops.Capture());
        });
        var (reached, hops) = dataflow.Handles;

        Assert.Equal(Bag(0, 1, 2), await At(reached));
        Assert.Equal(Bag((0, 0), (1, 1), (2, 2)), await At(hops));
    }

    [Fact]
    public async Task Sharing_an_arrangement_between_dataflows()
    {
        await using var engine = DifferentialEngine.Create();
        await using var source = await engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, prices) = scope.NewCollection<(string Item, int Price)>();
            return (input, prices.ArrangeByKey());
        });
        var (input, byItem) = source.Handles;
        var reader = await byItem.Trace.CreateReaderAsync();                         // holds the trace's history from reader.Since
        await using var importer = await engine.BuildAsync((Scope<long> scope) =>
            scope.Import(reader).Reduce((item, values) => values.Length).Capture());  // another dataflow reads the same trace

        input.Insert(("tea", 4));
        input.Insert(("tea", 3));
        input.AdvanceTo(1);
        Assert.Equal(Bag(("tea", 2)), await At(importer.Handles));
    }

    [Fact]
    public async Task Inputs_and_outputs()
    {
        await using var engine = DifferentialEngine.Create();
        await using var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, words) = scope.NewCollection<string>("words");        // an input session and its collection
            var lengths = words.Map(w => w.Length);
            return (input, lengths.Probe(), lengths.Capture(), lengths.Changes());
        });
        var (input, probe, capture, changes) = dataflow.Handles;

        input.Insert("differential");
        input.AdvanceTo(1);                                        // time 0 is complete
        await probe.WhenPassed(0);                                 // every change at time 0 is out
        var atZero = await capture.CollectionAt(0);                // {12: 1}
        input.Close();
        await foreach (var step in changes)                        // time 0: (12, +1)
            Assert.Equal((0L, 12, 1L), (step.Time, step.Changes[0].Data, step.Changes[0].Diff));
        Assert.Equal(Bag(12), atZero.ToDictionary());
    }

    private static Dictionary<T, long> Bag<T>(params T[] records) where T : notnull =>
        records.GroupBy(r => r).ToDictionary(g => g.Key, g => (long)g.Count());

    private static async Task<Dictionary<T, long>> At<T>(CaptureHandle<T, long, long> capture, long time = 0) where T : notnull =>
        (await capture.CollectionAt(time).WaitAsync(Timeout)).ToDictionary();
}
