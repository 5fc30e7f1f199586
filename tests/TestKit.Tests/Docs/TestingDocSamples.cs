namespace AkkaDifferential.TestKit.Tests.Docs;

/// <summary>The code of docs/testing.md, compiled and run, and the check that the document shows exactly this code.</summary>
public sealed class TestingDocSamples
{
    [Fact]
    public void Every_sample_of_the_document_is_here() =>
        Assert.Empty(AkkaDifferential.Docs.DocSamples.Missing("docs/testing.md", "tests/TestKit.Tests/Docs/TestingDocSamples.cs"));

    public sealed class OrderTotalsTests : DataflowTestKit
    {
        [Fact]
        public async Task Totals_follow_orders_and_cancellations()
        {
            var dataflow = await Engine.BuildAsync((Scope<long> scope) =>
            {
                var (orders, stream) = scope.NewCollection<(string Customer, int Amount)>("orders");
                return (orders, stream.Sum().Capture());
            });
            var (orders, totals) = dataflow.Handles;

            orders.Insert(("ada", 30));
            orders.Insert(("ada", 12));
            orders.Insert(("bob", 5));
            orders.AdvanceTo(1);
            orders.Remove(("ada", 12));
            orders.AdvanceTo(2);

            await ExpectCollectionAt(totals, 0, [(("ada", 42), 1L), (("bob", 5), 1L)]);
            await ExpectChangesAt(totals, 1, [(("ada", 42), -1L), (("ada", 30), 1L)]);
            await ExpectCollectionAt(totals, 1, [(("ada", 30), 1L), (("bob", 5), 1L)], TimeSpan.FromSeconds(5));
        }
    }

    public sealed class FailingAssertionExample : DataflowTestKit
    {
        [Fact]
        public async Task A_wrong_expectation_shows_the_difference()
        {
            var dataflow = await Engine.BuildAsync((Scope<long> scope) =>
            {
                var (orders, stream) = scope.NewCollection<(string Customer, int Amount)>("orders");
                return (orders, stream.Sum().Capture());
            });
            var (orders, totals) = dataflow.Handles;
            orders.Insert(("ada", 30));
            orders.Insert(("ada", 12));
            orders.AdvanceTo(1);

            var failure = await Assert.ThrowsAsync<CollectionMismatchException>(
                () => ExpectCollectionAt(totals, 0, [(("ada", 30), 1L)]));

            Assert.Equal(
                $$"""
                The collection of capture '{{totals.Name}}' at time 0 differs from the expected multiset.
                expected: {(ada, 30): 1}
                actual:   {(ada, 42): 1}
                actual - expected: {(ada, 30): -1, (ada, 42): 1}
                """.ReplaceLineEndings(), failure.Message);
        }
    }
}
