using System.Globalization;

namespace AkkaDifferential.Host.Benchmarks;

/// <summary>Human-readable figures for the benchmark table and plots: counts, durations, rates and sizes.</summary>
internal static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A count with a k/M suffix when it is a whole number of them: 100k, 10M, 1,234.</summary>
    public static string Count(long n) => n switch
    {
        >= 1_000_000 when n % 1_000_000 == 0 => (n / 1_000_000).ToString(Invariant) + "M",
        >= 1_000 when n % 1_000 == 0 => (n / 1_000).ToString(Invariant) + "k",
        _ => n.ToString("N0", Invariant),
    };

    /// <summary>A duration given in microseconds, in the unit that suits it: 34 µs, 1.25 ms, 10.3 s.</summary>
    public static string Micros(double micros) => micros switch
    {
        double.NaN => "—",
        < 1_000 => micros.ToString("0.#", Invariant) + " µs",
        < 1_000_000 => (micros / 1_000).ToString(micros < 10_000 ? "0.00" : "0.0", Invariant) + " ms",
        _ => (micros / 1_000_000).ToString("0.00", Invariant) + " s",
    };

    /// <summary>A duration in seconds (see <see cref="Micros"/>).</summary>
    public static string Seconds(double seconds) => Micros(seconds * 1e6);

    /// <summary>A rate per second: 1.07M/s, 312k/s.</summary>
    public static string Rate(double perSecond) => perSecond switch
    {
        double.NaN => "—",
        >= 1e6 => (perSecond / 1e6).ToString("0.00", Invariant) + "M/s",
        >= 1e3 => (perSecond / 1e3).ToString("0.#", Invariant) + "k/s",
        _ => perSecond.ToString("0.#", Invariant) + "/s",
    };

    /// <summary>A size in bytes: 1.38 GB, 412 MB, 96 B (decimal units).</summary>
    public static string Bytes(double bytes) => bytes switch
    {
        double.NaN => "—",
        >= 1e9 => (bytes / 1e9).ToString("0.00", Invariant) + " GB",
        >= 1e6 => (bytes / 1e6).ToString("0", Invariant) + " MB",
        >= 1e3 => (bytes / 1e3).ToString("0", Invariant) + " kB",
        _ => bytes.ToString("0", Invariant) + " B",
    };

    /// <summary>A ratio: 312×, 0.8×.</summary>
    public static string Ratio(double ratio) => double.IsNaN(ratio) ? "—" : ratio.ToString(ratio >= 10 ? "0" : "0.0#", Invariant) + "×";
}
