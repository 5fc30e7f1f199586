namespace AkkaDifferential.Operators.Tests.Dataflows;

/// <summary>
/// A dataflow's name is for display: two live dataflows may share one, each keeps its own progress, and a name can
/// be used again after its dataflow stopped.
/// </summary>
public sealed class DataflowIdentityTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Two_live_dataflows_with_the_same_name_both_make_progress()
    {
        await using var first = await BuildDoubler("orders");
        await using var second = await BuildDoubler("orders");
        Assert.Equal("orders", first.Name);
        Assert.Equal(first.Name, second.Name);

        var (input1, capture1, probe1) = first.Handles;
        var (input2, capture2, probe2) = second.Handles;
        for (var time = 0; time < 5; time++)
        {
            input1.Insert(time);
            input2.Insert(100 + time);
            input1.AdvanceTo(time + 1);
            input2.AdvanceTo(time + 1);
        }
        await probe1.WhenPassed(4).WaitAsync(Timeout);
        await probe2.WhenPassed(4).WaitAsync(Timeout);
        Assert.Equal(Enumerable.Range(0, 5).ToDictionary(x => 2 * x, _ => 1L), (await capture1.CollectionAt(4).WaitAsync(Timeout)).ToDictionary());
        Assert.Equal(Enumerable.Range(100, 5).ToDictionary(x => 2 * x, _ => 1L), (await capture2.CollectionAt(4).WaitAsync(Timeout)).ToDictionary());
    }

    [Fact]
    public async Task A_name_is_used_again_after_its_dataflow_stopped()
    {
        var first = await BuildDoubler("reused");
        var (input1, _, probe1) = first.Handles;
        input1.Insert(1);
        input1.AdvanceTo(1);
        await probe1.WhenPassed(0).WaitAsync(Timeout);
        await first.DisposeAsync();

        await using var second = await BuildDoubler("reused");
        var (input2, capture2, probe2) = second.Handles;
        input2.Insert(2);
        input2.AdvanceTo(1);
        await probe2.WhenPassed(0).WaitAsync(Timeout);
        Assert.Equal(new Dictionary<int, long> { [4] = 1 }, (await capture2.CollectionAt(0).WaitAsync(Timeout)).ToDictionary());
    }

    [Fact]
    public async Task Disposing_one_of_two_same_named_dataflows_leaves_the_other_running()
    {
        var first = await BuildDoubler("twin");
        await using var second = await BuildDoubler("twin");
        await first.DisposeAsync();

        var (input, capture, probe) = second.Handles;
        input.Insert(3);
        input.AdvanceTo(1);
        await probe.WhenPassed(0).WaitAsync(Timeout);
        Assert.Equal(new Dictionary<int, long> { [6] = 1 }, (await capture.CollectionAt(0).WaitAsync(Timeout)).ToDictionary());
    }

    [Fact]
    public async Task Every_deployment_has_its_own_id_and_any_name_can_be_given()
    {
        await using var first = await BuildDoubler("orders/eu west #1");
        await using var second = await BuildDoubler("orders/eu west #1");
        Assert.Equal("orders/eu west #1", first.Id.Name);
        Assert.NotEqual(first.Id, second.Id);
        var (input, capture, _) = first.Handles;
        input.Insert(5);
        input.AdvanceTo(1);
        Assert.Equal(new Dictionary<int, long> { [10] = 1 }, (await capture.CollectionAt(0).WaitAsync(Timeout)).ToDictionary());
    }

    [Fact]
    public async Task An_empty_name_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => BuildDoubler(" "));
        Assert.Contains("name must not be empty", error.Message);
    }

    private Task<Dataflow<(InputSession<int, long, long>, CaptureHandle<int, long, long>, ProbeHandle<long>)>> BuildDoubler(string name) =>
        fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (input, numbers) = scope.NewCollection<int>();
            var doubled = numbers.Map(x => 2 * x);
            return (input, doubled.Capture(), doubled.Probe());
        }, buckets: 2, name: name);
}
