namespace AkkaDifferential.Operators.Tests.Linear;

/// <summary>
/// Delay moves updates to later times (the property tests compare it with recomputation); a function that moves a
/// time backward fails the dataflow with an error naming the operator and both times.
/// </summary>
public sealed class DelayTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Updates_of_a_window_appear_together_at_its_end()
    {
        await using var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, events) = scope.NewCollection<string>();
            var windows = events.Delay(t => (t / 10 + 1) * 10 - 1);
            return (input, windows.Capture());
        });
        var (input, windows) = dataflow.Handles;
        input.Insert("a", 2);
        input.Insert("b", 7);
        input.Insert("c", 12);
        input.AdvanceTo(25);

        Assert.Empty(await windows.CollectionAt(8).WaitAsync(Timeout));
        Assert.Equal(["a", "b"], (await windows.CollectionAt(9).WaitAsync(Timeout)).Keys.Order());
        Assert.Equal(["a", "b"], (await windows.CollectionAt(18).WaitAsync(Timeout)).Keys.Order());
        Assert.Equal(["a", "b", "c"], (await windows.CollectionAt(19).WaitAsync(Timeout)).Keys.Order());
        Assert.All(windows.Updates, update => Assert.True(update.Time % 10 == 9));
    }

    [Fact]
    public async Task A_delay_that_moves_a_time_back_fails_its_dataflow_naming_the_operator_and_times()
    {
        var failing = await fixture.Engine.BuildAsync((Scope<Product<long, int>> scope) =>
        {
            var (input, events) = scope.NewCollection<int>();
            var moved = events.Delay(t => t.Outer >= 3 ? new Product<long, int>(t.Outer, t.Inner - 1) : t, name: "window");
            return (input, moved.Probe());
        }, name: "windows");
        var (input, _) = failing.Handles;
        input.Insert(1, new Product<long, int>(1, 0));
        input.Insert(2, new Product<long, int>(3, 5));
        input.AdvanceTo(new Product<long, int>(4, 0));

        var failure = await Assert.ThrowsAsync<DataflowFailedException>(() => failing.Completion.WaitAsync(Timeout));
        Assert.Contains("Operator 'window'", failure.Message);
        Assert.Contains($"moved time {new Product<long, int>(3, 5)} back to {new Product<long, int>(3, 4)}", failure.Message);
    }

    [Fact]
    public async Task An_explode_function_that_returns_null_fails_with_the_record()
    {
        var failing = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, words) = scope.NewCollection<string>();
            var exploded = words.Explode(w => w == "none" ? null! : new[] { (w, 2L) });
            return (input, exploded.Probe());
        });
        var (input, _) = failing.Handles;
        input.Insert("none");
        input.AdvanceTo(1);

        var failure = await Assert.ThrowsAsync<DataflowFailedException>(() => failing.Completion.WaitAsync(Timeout));
        Assert.Matches("Operator 'Explode#[0-9]+'", failure.Message);
        Assert.Contains("returned null for record none", failure.Message);
    }
}
