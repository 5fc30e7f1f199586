namespace AkkaDifferential.Arrangements.Trace.Columns;

/// <summary>
/// Which column representations batches may use, read once per process from the environment variable
/// <c>AKKADIFFERENTIAL_TRACE_LAYOUT</c>: <c>lean</c> (the default) lets each column take the leanest representation
/// that holds its data (uniform columns, implicit offsets); <c>explicit</c> forces every column to be stored, as the
/// general key/value batch. The test suites run under each (see the README's test section), so both stay correct.
/// </summary>
internal static class TraceLayout
{
    /// <summary>The environment variable that forces a layout.</summary>
    public const string Variable = "AKKADIFFERENTIAL_TRACE_LAYOUT";

    /// <summary>True when every column must be stored: no uniform column, no implicit offsets.</summary>
    public static bool Explicit { get; } = Parse(Environment.GetEnvironmentVariable(Variable));

    /// <summary>Whether <paramref name="value"/> forces the explicit layout; an unknown value is refused by name.</summary>
    internal static bool Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "lean" => false,
        "explicit" => true,
        _ => throw new InvalidOperationException($"{Variable} is '{value}', but must be 'lean' or 'explicit'."),
    };
}
