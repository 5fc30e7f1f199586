namespace AkkaDifferential.Progress.Tracking;

/// <summary>
/// A timestamp flattened to its integer coordinates, ordered coordinate-wise. The frontier actor tracks the
/// times of every scope of a dataflow in this one form: a top-level <c>long</c> time has one coordinate, a time
/// inside an iteration scope has one more, so scopes of different depths share one tracker.
/// </summary>
internal readonly struct FlatTime : ILattice<FlatTime>, IComparable<FlatTime>
{
    private readonly long[] coordinates;

    /// <summary>Wraps coordinates; the array must not be changed afterwards.</summary>
    public FlatTime(long[] coordinates) => this.coordinates = coordinates;

    /// <summary>The coordinates, outermost first.</summary>
    public ReadOnlySpan<long> Coordinates => coordinates;

    /// <summary>The number of coordinates.</summary>
    public int Length => coordinates.Length;

    /// <summary>Flattens a timestamp of type <typeparamref name="T"/>.</summary>
    public static FlatTime From<T>(T time)
    {
        var result = new long[Timestamp.Coordinates<T>()];
        Timestamp.Encode(time, result);
        return new FlatTime(result);
    }

    /// <summary>Reads the flattened time back as a <typeparamref name="T"/>.</summary>
    public T To<T>() => Timestamp.Decode<T>(coordinates);

    /// <inheritdoc/>
    public static bool LessEqual(FlatTime a, FlatTime b)
    {
        var x = a.coordinates;
        var y = b.coordinates;
        if (x.Length != y.Length)
            throw new InvalidOperationException($"Cannot compare times of different depths: {a} and {b}.");
        for (var i = 0; i < x.Length; i++)
            if (x[i] > y[i])
                return false;
        return true;
    }

    /// <inheritdoc/>
    public static FlatTime Join(FlatTime a, FlatTime b) => Combine(a, b, Math.Max);

    /// <inheritdoc/>
    public static FlatTime Meet(FlatTime a, FlatTime b) => Combine(a, b, Math.Min);

    private static FlatTime Combine(FlatTime a, FlatTime b, Func<long, long, long> f)
    {
        var result = new long[a.coordinates.Length];
        for (var i = 0; i < result.Length; i++)
            result[i] = f(a.coordinates[i], b.coordinates[i]);
        return new FlatTime(result);
    }

    /// <summary>Lexicographic order, a total order extending the coordinate-wise order.</summary>
    public int CompareTo(FlatTime other) => Coordinates.SequenceCompareTo(other.Coordinates);

    /// <inheritdoc/>
    public bool Equals(FlatTime other) => Coordinates.SequenceEqual(other.Coordinates);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is FlatTime other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var c in coordinates)
            hash.Add(c);
        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => coordinates.Length == 1 ? coordinates[0].ToString() : "(" + string.Join(", ", coordinates) + ")";
}
