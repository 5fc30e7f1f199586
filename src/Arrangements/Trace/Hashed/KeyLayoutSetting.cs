namespace AkkaDifferential.Arrangements.Trace.Hashed;

/// <summary>
/// The key layout of arrangements that ask for none, read once per process from the environment variable
/// <c>AKKADIFFERENTIAL_KEY_LAYOUT</c>: <c>ordered</c> (the default) or <c>hashed</c>. It also lays out the traces
/// operators keep for themselves (a reduction's output), so setting it to <c>hashed</c> runs every trace of a process
/// in the hashed layout: the test suites and the bench command run under each (README, docs/benchmarks.md).
/// </summary>
internal static class KeyLayoutSetting
{
    /// <summary>The environment variable that chooses the default layout.</summary>
    public const string Variable = "AKKADIFFERENTIAL_KEY_LAYOUT";

    /// <summary>The layout of traces whose arrangement asked for none.</summary>
    public static KeyLayout Default { get; } = Parse(Environment.GetEnvironmentVariable(Variable));

    /// <summary>The layout <paramref name="value"/> names; an unknown value is refused by name.</summary>
    internal static KeyLayout Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "ordered" => KeyLayout.Ordered,
        "hashed" => KeyLayout.Hashed,
        _ => throw new InvalidOperationException($"{Variable} is '{value}', but must be 'ordered' or 'hashed'."),
    };
}
