using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Progress.Graph;

/// <summary>
/// The summary of a whole path of the dataflow graph: the <see cref="PathSummary"/> of each of its steps, composed.
/// A composition of truncations, extensions and increments is not one <see cref="PathSummary"/> (a feedback
/// increment followed by entering a scope increments a coordinate that is no longer the last), so a path's summary
/// is kept in a form closed under composition: drop <see cref="Dropped"/> trailing coordinates, add increments to
/// the trailing coordinates kept, then append coordinates of fixed values.
/// </summary>
/// <remarks>
/// The form is relative to the end of the time, so it does not need the depth of the times it applies to. Summaries
/// are compared conservatively: <c>a ≤ b</c> when both drop and append the same numbers of coordinates and every
/// increment and appended value of <c>a</c> is at most <c>b</c>'s, which implies <c>a(t) ≤ b(t)</c> for every
/// <c>t</c>. Increments are never negative, so by Dickson's lemma the minimal summaries of the paths between two
/// locations, loops included, are finitely many.
/// </remarks>
internal sealed class CompositeSummary : IEquatable<CompositeSummary>
{
    // Added to the trailing kept coordinates: [0] to the last one kept, [1] to the one before; no trailing zeros.
    private readonly long[] increments;
    // The values of the appended coordinates, outermost first.
    private readonly long[] appended;

    private CompositeSummary(int dropped, long[] increments, long[] appended)
    {
        Dropped = dropped;
        var length = increments.Length;
        while (length > 0 && increments[length - 1] == 0)
            length--;
        this.increments = length == increments.Length ? increments : increments[..length];
        this.appended = appended;
    }

    /// <summary>The summary of the empty path.</summary>
    public static CompositeSummary Identity { get; } = new(0, [], []);

    /// <summary>The number of trailing coordinates dropped.</summary>
    public int Dropped { get; }

    /// <summary>The number of coordinates appended after the kept ones.</summary>
    public int Appended => appended.Length;

    /// <summary>The number of trailing kept coordinates that are incremented (the kept part must be at least as long).</summary>
    public int Incremented => increments.Length;

    /// <summary>True when the summary leaves times unchanged.</summary>
    public bool IsIdentity => Dropped == 0 && increments.Length == 0 && appended.Length == 0;

    /// <summary>The summary of one step.</summary>
    public static CompositeSummary Of(PathSummary step)
    {
        if (step.IsIdentity)
            return Identity;
        if (step.Extend == 0)
            return new(step.Truncate, [step.Increment], []);
        var appended = new long[step.Extend];
        appended[^1] = step.Increment;
        return new(step.Truncate, [], appended);
    }

    /// <summary>The summary of this path followed by the step <paramref name="next"/>.</summary>
    public CompositeSummary Then(PathSummary next) => next.IsIdentity ? this : Then(Of(next));

    /// <summary>The summary of this path followed by the path <paramref name="next"/>.</summary>
    public CompositeSummary Then(CompositeSummary next)
    {
        if (next.IsIdentity)
            return this;
        if (IsIdentity)
            return next;
        long[] kept, tail;
        int dropped;
        if (next.Dropped <= appended.Length)
        {
            // next drops only coordinates this path appended; its increments fall on the rest of them, then on
            // the coordinates this path kept.
            dropped = Dropped;
            tail = appended[..(appended.Length - next.Dropped)];
            kept = new long[Math.Max(increments.Length, next.increments.Length - tail.Length)];
            increments.CopyTo(kept, 0);
            for (var j = 0; j < next.increments.Length; j++)
                if (j < tail.Length) tail[tail.Length - 1 - j] += next.increments[j];
                else kept[j - tail.Length] += next.increments[j];
        }
        else
        {
            // next drops everything this path appended and more of the coordinates it kept, with their increments.
            var more = next.Dropped - appended.Length;
            dropped = Dropped + more;
            tail = [];
            kept = new long[Math.Max(increments.Length - more, next.increments.Length)];
            for (var j = more; j < increments.Length; j++)
                kept[j - more] = increments[j];
            for (var j = 0; j < next.increments.Length; j++)
                kept[j] += next.increments[j];
        }
        return new(dropped, kept, [.. tail, .. next.appended]);
    }

    /// <summary>The least time a record at <paramref name="time"/> can have after the path.</summary>
    public FlatTime Apply(FlatTime time)
    {
        if (IsIdentity)
            return time;
        var source = time.Coordinates;
        var kept = source.Length - Dropped;
        var result = new long[kept + appended.Length];
        source[..kept].CopyTo(result);
        for (var j = 0; j < increments.Length; j++)
            result[kept - 1 - j] += increments[j];
        appended.CopyTo(result, kept);
        return new FlatTime(result);
    }

    /// <summary>True when <c>this(t) ≤ other(t)</c> for every time <c>t</c>, by the conservative order of the remarks.</summary>
    public bool LessEqual(CompositeSummary other)
    {
        if (Dropped != other.Dropped || appended.Length != other.appended.Length || increments.Length > other.increments.Length)
            return false;
        for (var j = 0; j < increments.Length; j++)
            if (increments[j] > other.increments[j])
                return false;
        for (var i = 0; i < appended.Length; i++)
            if (appended[i] > other.appended[i])
                return false;
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(CompositeSummary? other) =>
        other is not null && Dropped == other.Dropped && increments.AsSpan().SequenceEqual(other.increments) && appended.AsSpan().SequenceEqual(other.appended);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as CompositeSummary);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Dropped, increments.Length, appended.Length);

    /// <inheritdoc/>
    public override string ToString() =>
        $"drop {Dropped}, add [{string.Join(", ", increments)}] from the last kept, append [{string.Join(", ", appended)}]";
}
