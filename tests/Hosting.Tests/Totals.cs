namespace AkkaDifferential.Hosting.Tests;

/// <summary>
/// The dataflow the tests host: orders <c>(customer, amount)</c> summed per customer, captured (consolidated) and
/// probed; and the same totals recomputed from scratch with LINQ, the oracle.
/// </summary>
public sealed record Totals(
    InputSession<(string Customer, int Amount), long, long> Orders,
    CaptureHandle<(string Customer, long Total), long, long> Output,
    ProbeHandle<long> Probe)
{
    /// <summary>The definition's name.</summary>
    public const string Name = "totals";

    /// <summary>Builds the dataflow; <paramref name="failOn"/> is an amount whose order fails the dataflow (0 for none).</summary>
    public static Totals Build(Scope<long> scope, int failOn)
    {
        var (orders, stream) = scope.NewCollection<(string Customer, int Amount)>("orders");
        var totals = stream
            .Map(o => o.Amount == failOn ? throw new InvalidOperationException($"order of {o.Amount} refused") : o, name: "check")
            .Sum(name: "sum")
            .Map(t => (t.Key, (long)t.Sum));
        return new Totals(orders, totals.Capture(CaptureMode.Consolidated), totals.Probe());
    }

    /// <summary>The totals of the accumulated orders, recomputed from scratch.</summary>
    public static Dictionary<(string Customer, long Total), long> Expected(IEnumerable<KeyValuePair<(string Customer, int Amount), long>> orders) =>
        orders.Where(o => o.Value != 0)
            .GroupBy(o => o.Key.Customer)
            .Select(g => (g.Key, Total: g.Sum(o => (long)o.Key.Amount * o.Value)))
            .ToDictionary(t => t, _ => 1L);

    /// <summary>
    /// Feeds <paramref name="rounds"/> rounds of random orders (inserted, and some removed again) and checks the
    /// captured totals against recomputation after every round.
    /// </summary>
    public async Task CheckRoundsAsync(int seed, int rounds, TimeSpan timeout)
    {
        var random = new Random(seed);
        var accumulated = new Dictionary<(string Customer, int Amount), long>();
        var time = Orders.Time;
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < 20; i++)
            {
                var order = ($"customer-{random.Next(5)}", random.Next(1, 100));
                var diff = accumulated.GetValueOrDefault(order) > 0 && random.Next(3) == 0 ? -1 : 1;
                Orders.Update(order, diff);
                accumulated[order] = accumulated.GetValueOrDefault(order) + diff;
            }
            Orders.AdvanceTo(time + 1);
            using var cancellation = new CancellationTokenSource(timeout);
            Assert.Equal(Expected(accumulated), await Output.CollectionAt(time, cancellation.Token));
            time++;
        }
    }
}
