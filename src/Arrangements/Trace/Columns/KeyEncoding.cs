namespace AkkaDifferential.Arrangements.Trace.Columns;

/// <summary>Whether a batch's string keys are Huffman-encoded (<see cref="KeyWriter{TKey}"/>).</summary>
internal enum KeyEncoding
{
    /// <summary>Keys are stored as they are.</summary>
    Plain,

    /// <summary>
    /// String keys are encoded where it pays: a batch of at least <see cref="KeyWriter{TKey}.MinimumEncodedKeys"/>
    /// keys, none of them null, whose encoding takes at most three quarters of the plain column's bytes.
    /// </summary>
    Auto,

    /// <summary>String keys are encoded whenever there is one and none is null, however few (for tests of the encoded layout).</summary>
    Always,
}
