namespace AkkaDifferential.Host.Benchmarks;

/// <summary>One pair of an alternating comparison: upstream's run, then ours, of the same workload.</summary>
/// <param name="Upstream">What upstream's program reported.</param>
/// <param name="LoadSeconds">Our load.</param>
/// <param name="RoundMedianMicros">Our round median.</param>
/// <param name="RoundP99Micros">Our round p99.</param>
internal sealed record UpstreamPair(UpstreamFigures Upstream, double LoadSeconds, double RoundMedianMicros, double RoundP99Micros)
{
    /// <summary>Our round median over upstream's.</summary>
    public double RoundRatio => RoundMedianMicros / Upstream.RoundMedianMicros;

    /// <summary>Our load over upstream's.</summary>
    public double LoadRatio => LoadSeconds / Upstream.LoadSeconds;
}

/// <summary>
/// Upstream's program and ours run in turn on the same workload (upstream, ours, upstream, ours, …): every pair's
/// figures, and the medians. Ratios are ours over upstream's, pair by pair, so that a drift of the machine's speed
/// between pairs cancels; the figure to quote is the median of the pairs' ratios.
/// </summary>
/// <param name="Program">Upstream's program.</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="Pairs">Every pair, in order.</param>
internal sealed record UpstreamComparison(string Program, string Arguments, IReadOnlyList<UpstreamPair> Pairs)
{
    /// <summary>The ratio within which a figure of ours counts as met (issue 14: at most twice upstream's).</summary>
    public const double Target = 2;

    /// <summary>Median of upstream's round medians.</summary>
    public double UpstreamRoundMedian => Median(Pairs.Select(p => p.Upstream.RoundMedianMicros));

    /// <summary>Median of our round medians.</summary>
    public double RoundMedian => Median(Pairs.Select(p => p.RoundMedianMicros));

    /// <summary>Median of the pairs' round ratios (ours / upstream's).</summary>
    public double RoundRatio => Median(Pairs.Select(p => p.RoundRatio));

    /// <summary>Median of upstream's loads.</summary>
    public double UpstreamLoad => Median(Pairs.Select(p => p.Upstream.LoadSeconds));

    /// <summary>Median of our loads.</summary>
    public double Load => Median(Pairs.Select(p => p.LoadSeconds));

    /// <summary>Median of the pairs' load ratios (ours / upstream's).</summary>
    public double LoadRatio => Median(Pairs.Select(p => p.LoadRatio));

    /// <summary>Median of upstream's round p99s.</summary>
    public double UpstreamRoundP99 => Median(Pairs.Select(p => p.Upstream.RoundP99Micros));

    /// <summary>Median of our round p99s.</summary>
    public double RoundP99 => Median(Pairs.Select(p => p.RoundP99Micros));

    /// <summary>Upstream's largest peak resident set.</summary>
    public long UpstreamPeakRss => Pairs.Max(p => p.Upstream.PeakRssBytes);

    /// <summary>Median of upstream's steps per second.</summary>
    public double UpstreamStepsPerSecond => Median(Pairs.Select(p => p.Upstream.StepsPerSecond));

    /// <summary>The median of <paramref name="values"/> (the mean of the middle two when even).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>met when <paramref name="ratio"/> is at most <see cref="Target"/>, missed otherwise.</summary>
    public static string Status(double ratio) => ratio <= Target ? "met" : "missed";
}
