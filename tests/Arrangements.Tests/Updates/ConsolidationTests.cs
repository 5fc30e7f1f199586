using AkkaDifferential.Arrangements.Updates;
using CsCheck;

namespace AkkaDifferential.Arrangements.Tests.Updates;

/// <summary>Consolidation against a dictionary model: same sums, sorted by record then time, no zeros.</summary>
public sealed class ConsolidationTests
{
    private static readonly Gen<(string Data, Product<long, int> Time, long Diff)[]> Updates =
        Gen.Select(Gen.Char["abc"].Array[0, 2].Select(c => new string(c)), Gen.Long[0, 3], Gen.Int[0, 2], Gen.Long[-2, 2],
            (data, outer, inner, diff) => (data, new Product<long, int>(outer, inner), diff)).Array[0, 60];

    [Fact]
    public void Consolidated_builder_matches_a_dictionary_model() =>
        Updates.Sample(updates =>
        {
            var builder = new UpdateBuilder<string, Product<long, int>, long>();
            foreach (var (data, time, diff) in updates)
                builder.Add(data, time, diff);
            builder.Consolidate();
            var batch = builder.Build();

            var model = updates.GroupBy(u => (u.Data, u.Time)).Select(g => (g.Key, Sum: g.Sum(u => u.Diff))).Where(g => g.Sum != 0)
                .ToDictionary(g => g.Key, g => g.Sum);
            var actual = Enumerable.Range(0, batch.Count).Select(i => batch[i]).ToList();
            Assert.Equal(model.Count, actual.Count);
            foreach (var update in actual)
                Assert.Equal(model[(update.Data, update.Time)], update.Diff);
            for (var i = 1; i < actual.Count; i++)
            {
                var byData = string.CompareOrdinal(actual[i - 1].Data, actual[i].Data);
                Assert.True(byData < 0 || (byData == 0 && Timestamp.Compare(actual[i - 1].Time, actual[i].Time) < 0),
                    $"not sorted at {i}: {actual[i - 1]} then {actual[i]}");
            }
        }, iter: 3000);

    [Fact]
    public void Minimal_times_of_a_batch_are_its_times_without_a_lesser_time_among_them() =>
        Updates.Sample(updates =>
        {
            var builder = new UpdateBuilder<string, Product<long, int>, long>();
            foreach (var (data, time, diff) in updates)
                builder.Add(data, time, diff);
            var batch = builder.Build();
            var times = updates.Select(u => u.Time).Distinct().ToList();
            var minimal = times.Where(t => !times.Any(other => Lattice.LessThan(other, t))).OrderBy(t => t);
            Assert.Equal(minimal, batch.MinimalTimes.OrderBy(t => t));
        }, iter: 2000);
}
