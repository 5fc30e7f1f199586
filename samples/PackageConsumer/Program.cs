using Akka.Hosting;
using AkkaDifferential;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Built and run by .ci/run against the packed packages: an incremental join on the embedded engine (package
// AkkaDifferential), then the same dataflow hosted in a generic host (AkkaDifferential.Hosting). Exit code 1 when a
// result is not the expected one.

await using (var engine = DifferentialEngine.Create())
{
    var dataflow = await engine.BuildAsync((Scope<long> scope) => Shop.Build(scope, 0));
    Check("embedded", await Shop.RunAsync(dataflow.Handles));
}

var builder = Host.CreateApplicationBuilder(args);
builder.Services
    .AddAkka("consumer", akka => akka.WithDifferentialDataflow(dataflows =>
        dataflows.Host(dataflows.Register<long, int, Shop>("shop", Shop.Build), 0)))
    .AddDifferentialEngine();
using var host = builder.Build();
await host.StartAsync();
var hosted = host.Services.GetRequiredService<HostedDataflows>().Get<Shop>("shop");
Check("hosted", await Shop.RunAsync(hosted.Handles));
await host.StopAsync();
return 0;

static void Check(string what, string result)
{
    const string expected = "Ada Lovelace: 42, Grace: 58";
    Console.WriteLine($"{what}: {result}");
    if (result != expected)
    {
        Console.Error.WriteLine($"{what}: expected '{expected}'");
        Environment.Exit(1);
    }
}

/// <summary>Orders joined with customers, summed per customer name.</summary>
internal sealed record Shop(
    InputSession<(int Id, string Name), long, long> Customers,
    InputSession<(int Customer, int Amount), long, long> Orders,
    CaptureHandle<(string Key, int Sum), long, long> Revenue)
{
    public static Shop Build(Scope<long> scope, int _)
    {
        var (customers, customerRecords) = scope.NewCollection<(int Id, string Name)>("customers");
        var (orders, orderRecords) = scope.NewCollection<(int Customer, int Amount)>("orders");
        var revenue = orderRecords.Join(customerRecords).Map(j => (j.Value.Item2, j.Value.Item1)).Sum();
        return new Shop(customers, orders, revenue.Capture());
    }

    /// <summary>Two rounds of changes; the revenue after the second, as text.</summary>
    public static async Task<string> RunAsync(Shop shop)
    {
        foreach (var customer in new[] { (1, "Ada"), (2, "Grace") })
            shop.Customers.Insert(customer);
        foreach (var order in new[] { (1, 30), (1, 12), (2, 50) })
            shop.Orders.Insert(order);
        Advance(shop, 1);
        shop.Orders.Insert((2, 8));
        shop.Customers.Update((1, "Ada"), -1);
        shop.Customers.Update((1, "Ada Lovelace"), 1);
        Advance(shop, 2);
        var revenue = await shop.Revenue.CollectionAt(1).WaitAsync(TimeSpan.FromSeconds(30));
        return string.Join(", ", revenue.Keys.Order().Select(r => $"{r.Key}: {r.Sum}"));
    }

    private static void Advance(Shop shop, long time)
    {
        shop.Customers.AdvanceTo(time);
        shop.Orders.AdvanceTo(time);
    }
}
