namespace AkkaDifferential.Words.Benchmarks;

/// <summary>
/// A text of English-like words: a vocabulary of distinct lower-case words whose letters follow English letter
/// frequencies and whose lengths follow those of English word types (peaking at 6–7 letters), ranked so that shorter
/// words tend to be the frequent ones, and tokens drawn from it by Zipf's law (the word of rank <c>r</c> with
/// probability proportional to <c>1 / r</c>), as in natural text.
/// </summary>
internal sealed class EnglishLikeText
{
    private const string Letters = "etaoinshrdlcumwfgypbvkjxqz";

    private static readonly double[] LetterWeights =
        [12.7, 9.1, 8.2, 7.5, 7.0, 6.7, 6.3, 6.1, 6.0, 4.3, 4.0, 2.8, 2.8, 2.4, 2.4, 2.2, 2.0, 2.0, 1.9, 1.5, 1.0, 0.8, 0.15, 0.15, 0.1, 0.07];

    // Lengths 1..16 of English word types, in per cent.
    private static readonly double[] LengthWeights = [0.1, 1, 4, 9, 13, 15, 15, 13, 10, 7, 5, 3, 2, 1.5, 0.8, 0.6];

    private readonly double[] rankCumulative;

    /// <summary>A vocabulary of <paramref name="words"/> distinct words drawn with <paramref name="seed"/>.</summary>
    public EnglishLikeText(int words, int seed)
    {
        var random = new Random(seed);
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        var ranked = new List<(double Rank, string Word)>(words);
        while (ranked.Count < words)
        {
            var length = 1 + Draw(random, LengthWeights);
            var chars = new char[length];
            for (var i = 0; i < length; i++)
                chars[i] = Letters[Draw(random, LetterWeights)];
            var word = new string(chars);
            if (distinct.Add(word))
                ranked.Add((length + 4 * random.NextDouble(), word));
        }
        ranked.Sort(static (a, b) => a.Rank.CompareTo(b.Rank));
        Vocabulary = [.. ranked.Select(static r => r.Word)];
        rankCumulative = new double[words];
        var sum = 0.0;
        for (var r = 0; r < words; r++)
            rankCumulative[r] = sum += 1.0 / (r + 1);
    }

    /// <summary>The words, most frequent first.</summary>
    public string[] Vocabulary { get; }

    /// <summary>The rank of a token drawn by Zipf's law.</summary>
    public int DrawRank(Random random)
    {
        var at = Array.BinarySearch(rankCumulative, random.NextDouble() * rankCumulative[^1]);
        return at >= 0 ? at : ~at;
    }

    private static int Draw(Random random, double[] weights)
    {
        var total = 0.0;
        foreach (var w in weights)
            total += w;
        var x = random.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0)
                return i;
        }
        return weights.Length - 1;
    }
}
