namespace AkkaDifferential.Arrangements.Trace.Columns;

/// <summary>
/// Which column representations batches may use, read once per process from the environment variable
/// <c>AKKADIFFERENTIAL_TRACE_LAYOUT</c>: <c>lean</c> (the default) lets each column take the leanest representation
/// that holds its data (uniform columns, implicit offsets, Huffman-encoded string keys where the code pays);
/// <c>explicit</c> forces every column to be stored, as the general key/value batch; <c>huffman</c> is <c>lean</c>
/// with the string keys of every batch encoded, however small (<see cref="KeyEncoding.Always"/>); <c>composite</c> is
/// <c>lean</c> with composite traces, whose merges route settled updates to a base part of each batch
/// (<see cref="Composite.SettledRoute"/>); <c>coded</c> is <c>lean</c> with palette codes
/// (<see cref="PaletteCodes{T}"/>) tried for every column of plain data, however short. The test suites run
/// under each (see the README's test section), so all stay correct.
/// </summary>
internal static class TraceLayout
{
    /// <summary>The environment variable that forces a layout.</summary>
    public const string Variable = "AKKADIFFERENTIAL_TRACE_LAYOUT";

    /// <summary>The layout in force.</summary>
    public static Kind Forced { get; } = Parse(Environment.GetEnvironmentVariable(Variable));

    /// <summary>True when every column must be stored: no uniform column, no implicit offsets, no encoded keys.</summary>
    public static bool Explicit => Forced == Kind.Explicit;

    /// <summary>True when traces are composite: their merges write a base part of settled updates beside the general one.</summary>
    public static bool Composite => Forced == Kind.Composite;

    /// <summary>True when every column of plain data is coded against a palette while it can be, however short (<see cref="PaletteCodes{T}.MinItems"/> otherwise).</summary>
    public static bool CodedAlways => Forced == Kind.Coded;

    /// <summary>How a merge writes its batch's string keys unless told otherwise.</summary>
    public static KeyEncoding Keys => Forced switch
    {
        Kind.Explicit => KeyEncoding.Plain,
        Kind.Huffman => KeyEncoding.Always,
        _ => KeyEncoding.Auto,
    };

    /// <summary>
    /// How a batch sealed from rows (<see cref="TraceBatchBuilder{TKey, TVal, TTime, TDiff}"/>) writes its string keys
    /// unless told otherwise: plain but when forced. Such a batch is new: the operators reading an arrangement take
    /// each of its keys at once, which an encoded batch would decode into new strings, and it is soon merged, where
    /// the long-lived batches are encoded (as upstream's container encodes only when merging).
    /// </summary>
    public static KeyEncoding SealedKeys => Forced == Kind.Huffman ? KeyEncoding.Always : KeyEncoding.Plain;

    /// <summary>The layout <paramref name="value"/> names; an unknown value is refused by name.</summary>
    internal static Kind Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "lean" => Kind.Lean,
        "explicit" => Kind.Explicit,
        "huffman" => Kind.Huffman,
        "composite" => Kind.Composite,
        "coded" => Kind.Coded,
        _ => throw new InvalidOperationException($"{Variable} is '{value}', but must be 'lean', 'explicit', 'huffman', 'composite' or 'coded'."),
    };

    /// <summary>The layouts that can be forced.</summary>
    internal enum Kind
    {
        /// <summary>The leanest representation of each column (the default).</summary>
        Lean,

        /// <summary>Every column stored.</summary>
        Explicit,

        /// <summary>Lean, with every batch's string keys Huffman-encoded.</summary>
        Huffman,

        /// <summary>Lean, with composite traces (a base part of settled updates in each merged batch).</summary>
        Composite,

        /// <summary>Lean, with every column of plain data coded against a palette while it can be, however short.</summary>
        Coded,
    }
}
