using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Progress.Graph;

/// <summary>
/// How a time changes along a path of the dataflow graph, acting on flattened times: drop
/// <see cref="Truncate"/> trailing coordinates (leaving a scope), append <see cref="Extend"/> zero coordinates
/// (entering a scope), then add <see cref="Increment"/> to the last coordinate (a loop's feedback edge).
/// Most operators have the identity summary: output at a time no earlier than the input.
/// </summary>
internal readonly record struct PathSummary(int Truncate, int Extend, long Increment)
{
    /// <summary>The summary of a path that leaves times unchanged.</summary>
    public static PathSummary Identity => default;

    /// <summary>True when the summary leaves times unchanged.</summary>
    public bool IsIdentity => Truncate == 0 && Extend == 0 && Increment == 0;

    /// <summary>The least time a record at <paramref name="time"/> can have after the path.</summary>
    public FlatTime Apply(FlatTime time)
    {
        if (IsIdentity)
            return time;
        var source = time.Coordinates;
        var kept = source.Length - Truncate;
        var result = new long[kept + Extend];
        source[..kept].CopyTo(result);
        result[^1] += Increment;
        return new FlatTime(result);
    }
}
