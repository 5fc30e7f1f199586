using AkkaDifferential;

namespace UserProgram.Docs;

/// <summary>
/// The program of docs/getting-started.md, compiled and run with its output checked (the document's
/// <c>Console</c> is a writer here), and a check that the document shows exactly this code.
/// </summary>
public sealed class GettingStartedDocSamples
{
    [Fact]
    public void Every_sample_of_the_document_is_here() =>
        Assert.Empty(AkkaDifferential.Docs.DocSamples.Missing("docs/getting-started.md", "tests/Host.Tests/Docs/GettingStartedDocSamples.cs"));

    [Fact]
    public async Task The_incremental_join_prints_what_the_document_says()
    {
        var printed = new StringWriter();
        var Console = printed;

        await using var engine = DifferentialEngine.Create();
        var dataflow = await engine.BuildAsync((Scope<long> scope) =>
        {
            var (customers, customerRecords) = scope.NewCollection<(int Id, string Name)>("customers");
            var (orders, orderRecords) = scope.NewCollection<(int Customer, int Amount)>("orders");

            var revenue = orderRecords
                .Join(customerRecords)                                  // (id, (amount, name))
                .Map(joined => (joined.Value.Item2, joined.Value.Item1)) // (name, amount)
                .Sum();                                                 // (name, total)

            return (customers, orders, revenue.Changes(accumulate: true));
        });
        var (customers, orders, revenue) = dataflow.Handles;

        customers.Insert((1, "Ada"));
        customers.Insert((2, "Grace"));
        orders.Insert((1, 30));
        orders.Insert((1, 12));
        orders.Insert((2, 50));
        customers.AdvanceTo(1);
        orders.AdvanceTo(1);

        orders.Insert((2, 8));                   // Grace orders again
        customers.Remove((1, "Ada"));            // Ada is renamed:
        customers.Insert((1, "Ada Lovelace"));   // only her total moves
        customers.Close();
        orders.Close();

        await foreach (var step in revenue)
        {
            Console.WriteLine($"time {step.Time}:");
            foreach (var (change, diff) in step.Changes)
                Console.WriteLine($"  {(diff > 0 ? "+" : "-")} {change.Key}: {change.Sum}");
        }

        Assert.Equal(
            """
            time 0:
              + Ada: 42
              + Grace: 50
            time 1:
              - Ada: 42
              + Ada Lovelace: 42
              - Grace: 50
              + Grace: 58

            """.ReplaceLineEndings(), printed.ToString());
    }
}
