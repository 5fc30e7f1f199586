using AkkaDifferential.Progress.Frontiers;
using CsCheck;

namespace AkkaDifferential.Progress.Tests.Frontiers;

/// <summary>
/// <see cref="ChangeBatch{T}"/> against a dictionary of sums. Few distinct items and up to a few hundred updates
/// cross the internal compaction threshold many times; reads in the middle force compaction at random points.
/// </summary>
public sealed class ChangeBatchTests
{
    private const long Iterations = 2_000;

    private static readonly Gen<(Product<long, int> Item, long Delta, bool Read)> Step = Gen.Select(
        Gen.Select(Gen.Long[0, 3], Gen.Int[0, 3], (outer, inner) => new Product<long, int>(outer, inner)),
        Gen.Long[-3, 3],
        Gen.Int[0, 30].Select(i => i == 0));

    [Fact]
    public void Changes_are_the_sorted_non_zero_sums() =>
        Step.Array[0, 300].Sample(steps =>
        {
            var batch = new ChangeBatch<Product<long, int>>();
            var model = new Dictionary<Product<long, int>, long>();
            foreach (var (item, delta, read) in steps)
            {
                batch.Update(item, delta);
                model[item] = model.GetValueOrDefault(item) + delta;
                if (read)
                    AssertMatches(model, batch);
            }
            AssertMatches(model, batch);
        }, iter: Iterations);

    [Fact]
    public void Extend_is_a_sequence_of_updates() =>
        Step.Array[0, 100].Sample(steps =>
        {
            var updated = new ChangeBatch<Product<long, int>>();
            foreach (var (item, delta, _) in steps)
                updated.Update(item, delta);
            var extended = new ChangeBatch<Product<long, int>>();
            extended.Extend(steps.Select(s => (s.Item, s.Delta)));
            Assert.Equal(updated.Changes, extended.Changes);
        }, iter: Iterations);

    [Fact]
    public void Drain_returns_the_changes_and_leaves_the_batch_empty_and_reusable() =>
        Gen.Select(Step.Array[0, 150], Step.Array[0, 150]).Sample((first, second) =>
        {
            var batch = new ChangeBatch<Product<long, int>>();
            foreach (var (item, delta, _) in first)
                batch.Update(item, delta);
            var expected = batch.Changes.ToArray();
            Assert.Equal(expected, batch.Drain());
            Assert.True(batch.IsEmpty);
            Assert.Empty(batch.Changes);

            var model = new Dictionary<Product<long, int>, long>();
            foreach (var (item, delta, _) in second)
            {
                batch.Update(item, delta);
                model[item] = model.GetValueOrDefault(item) + delta;
            }
            AssertMatches(model, batch);
        }, iter: Iterations);

    private static void AssertMatches(Dictionary<Product<long, int>, long> model, ChangeBatch<Product<long, int>> batch)
    {
        var expected = model.Where(e => e.Value != 0).OrderBy(e => e.Key).Select(e => (e.Key, e.Value)).ToArray();
        var changes = batch.Changes;
        for (var i = 1; i < changes.Count; i++)
            Assert.True(Timestamp.Compare(changes[i - 1].Item, changes[i].Item) < 0, "changes must be strictly sorted");
        Assert.DoesNotContain(changes, c => c.Delta == 0);
        Assert.Equal(expected, changes);
        Assert.Equal(expected.Length == 0, batch.IsEmpty);
    }
}
