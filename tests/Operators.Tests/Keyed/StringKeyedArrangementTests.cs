using AkkaDifferential.Arrangements.Trace.Columns;

namespace AkkaDifferential.Operators.Tests.Keyed;

/// <summary>
/// String-keyed arrangements large enough that their merged batches take the Huffman-encoded key layout
/// (<see cref="KeyWriter{TKey}.MinimumEncodedKeys"/> keys and more per bucket): a word count and a join of words with a
/// lexicon, over rounds that insert and remove words, equal to the same computed from scratch after every round. The
/// words include the empty string, non-ASCII letters, a lone surrogate and long words.
/// </summary>
public sealed class StringKeyedArrangementTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_word_count_and_a_join_on_string_keys_equal_recomputation(int seed)
    {
        var random = new Random(seed);
        var vocabulary = Vocabulary(random, 4000);
        await using var dataflow = await fixture.Engine.BuildAsync((Scope<long> scope) =>
        {
            var (words, text) = scope.NewCollection<string>();
            var (lexicon, entries) = scope.NewCollection<(string Word, int Class)>();
            var counts = text.Count();
            var classified = text.Map(static w => (w, w.Length)).Join(entries);
            return (words, lexicon, counts.Capture(), classified.Capture(), classified.Probe());
        }, buckets: 2);
        var (input, lexiconInput, counts, classified, probe) = dataflow.Handles;

        var present = new List<string>();
        var lexicon = new List<(string Word, int Class)>();
        for (var i = 0; i < vocabulary.Length; i += 2)
        {
            var entry = (vocabulary[i], i % 7);
            lexicon.Add(entry);
            lexiconInput.Insert(entry);
        }
        for (var round = 0; round < 6; round++)
        {
            // Zipf-like draws: low ranks far more often, so words repeat within and across rounds.
            for (var n = 0; n < 3000; n++)
            {
                var word = vocabulary[(int)(vocabulary.Length * Math.Pow(random.NextDouble(), 3))];
                present.Add(word);
                input.Insert(word);
            }
            for (var n = 0; n < 800 && present.Count > 0; n++)
            {
                var at = random.Next(present.Count);
                input.Remove(present[at]);
                present[at] = present[^1];
                present.RemoveAt(present.Count - 1);
            }
            if (round == 3)
                for (var n = 0; n < 100; n++)
                    lexiconInput.Remove(lexicon[n]);
            if (round == 3)
                lexicon.RemoveRange(0, 100);
            input.AdvanceTo(round + 1);
            lexiconInput.AdvanceTo(round + 1);
            await probe.WhenPassed(round).WaitAsync(Timeout);

            var multiplicity = present.GroupBy(static w => w, StringComparer.Ordinal).ToDictionary(static g => g.Key, static g => (long)g.Count(), StringComparer.Ordinal);
            var expectedCounts = multiplicity.ToDictionary(static p => (p.Key, p.Value), static _ => 1L);
            Assert.Equal(expectedCounts, (await counts.CollectionAt(round).WaitAsync(Timeout)).ToDictionary());
            var expectedJoin = new Dictionary<(string, (int, int)), long>();
            foreach (var (word, @class) in lexicon)
                if (multiplicity.TryGetValue(word, out var m))
                    expectedJoin[(word, (word.Length, @class))] = m;
            Assert.Equal(expectedJoin, (await classified.CollectionAt(round).WaitAsync(Timeout)).ToDictionary());
        }
        input.Close();
        lexiconInput.Close();
    }

    /// <summary>
    /// <paramref name="count"/> distinct words: mostly lower-case letters, some upper-case, accented and CJK letters,
    /// the empty word, a lone surrogate and a few hundred characters long ones.
    /// </summary>
    private static string[] Vocabulary(Random random, int count)
    {
        const string letters = "etaoinshrdlucmfwypvbgkjqxz";
        var words = new HashSet<string>(StringComparer.Ordinal) { string.Empty, "\uD800", "Straße", "日本語", "Ωμέγα" };
        while (words.Count < count)
        {
            var length = random.Next(20) == 0 ? random.Next(100, 300) : random.Next(1, 10);
            var chars = new char[length];
            for (var i = 0; i < length; i++)
                chars[i] = random.Next(30) switch
                {
                    0 => (char)random.Next('A', 'Z' + 1),
                    1 => (char)random.Next(0xC0, 0x180),
                    _ => letters[(int)(letters.Length * Math.Pow(random.NextDouble(), 2))],
                };
            words.Add(new string(chars));
        }
        return [.. words.Order(StringComparer.Ordinal).OrderBy(_ => random.Next())];
    }
}
