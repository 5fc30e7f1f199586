using System.Runtime.Versioning;
using AkkaDifferential.Host.Benchmarks;

namespace AkkaDifferential.Host.Tests.Benchmarks;

/// <summary>
/// <c>bench --upstream DIR</c>: upstream's program is found in DIR or DIR/bin, run with the workload's sizes and our
/// seed in turn with our run, its JSON line read, and the ratios taken pair by pair. Upstream's program here is a
/// script that records its arguments and prints a line in upstream's format (the real programs are not part of the
/// repository); what is checked is that the harness runs it, reads it and sets it beside a real run of ours.
/// </summary>
public sealed class UpstreamComparisonTests : IDisposable
{
    private const string Line =
        """{"bench":"degrees","nodes":200,"edges":1000,"batch":10,"rounds":2,"workers":1,"load_ms":12.5,"round_median_ms":0.25,"round_p90_ms":0.5,"round_p99_ms":0.75,"steps_per_s":40000.0,"peak_rss_kib":2048}""";

    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("upstream-");

    [Fact]
    public void Upstreams_line_is_read_in_our_units()
    {
        var figures = UpstreamProgram.Parse(Line);

        Assert.Equal(new UpstreamFigures(0.0125, 250, 750, 40_000, 2048 * 1024), figures);
    }

    [Fact]
    public void A_line_without_a_figure_is_refused_naming_it()
    {
        var error = Assert.Throws<InvalidDataException>(() => UpstreamProgram.Parse("""{"load_ms":1,"round_median_ms":2}"""));

        Assert.Contains("'round_p99_ms'", error.Message);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Upstream_runs_in_turn_with_ours_on_the_same_sizes_and_the_ratios_are_ours_over_upstreams_pair_by_pair()
    {
        var bin = Directory.CreateDirectory(Path.Combine(directory.FullName, "bin"));
        var arguments = Path.Combine(directory.FullName, "arguments.txt");
        var program = Path.Combine(bin.FullName, "dd-degrees");
        File.WriteAllText(program, $"#!/bin/sh\necho \"$@\" >> '{arguments}'\necho 'timing follows'\necho '{Line}'\n");
        File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var config = new BenchConfig("degrees", 200, 1_000, 10, 2, Buckets: 1, LinqRounds: 2, Verify: true, Warmup: false, Upstream: directory.FullName, Pairs: 3);

        var outcome = await BenchRunner.RunAsync(config, ProgressDisplay.Silent).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(outcome.Result.Verified);
        Assert.Equal(Enumerable.Repeat("200 1000 10 2 --seed 1,2,3,4", 3), File.ReadAllLines(arguments));
        var upstream = outcome.Result.Upstream!;
        Assert.Equal(program, upstream.Program);
        Assert.Equal(3, upstream.Pairs.Count);
        Assert.All(upstream.Pairs, pair =>
        {
            Assert.Equal(250, pair.Upstream.RoundMedianMicros);
            Assert.True(pair.RoundMedianMicros > 0);
            Assert.Equal(pair.RoundMedianMicros / 250, pair.RoundRatio, 9);
            Assert.Equal(pair.LoadSeconds / 0.0125, pair.LoadRatio, 9);
        });
        Assert.Equal(UpstreamComparison.Median(upstream.Pairs.Select(p => p.RoundRatio)), upstream.RoundRatio);
        Assert.Contains(outcome.Result.Rounds.Median, upstream.Pairs.Select(p => p.RoundMedianMicros));
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        Assert.Equal(2.5, UpstreamComparison.Median([4, 1, 3, 2]));
        Assert.Equal(3, UpstreamComparison.Median([5, 3, 1]));
    }

    public void Dispose() => directory.Delete(recursive: true);
}
