namespace AkkaDifferential;

/// <summary>
/// A logical time of a dataflow: a lattice with a minimum, a total order that extends the partial order
/// (used only to sort), and a flattening into integer coordinates for the progress tracker.
/// </summary>
/// <remarks>
/// <para><c>long</c> and <c>int</c> are timestamps out of the box; <see cref="Product{TOuter, TInner}"/> nests them.
/// A user type implements this interface with static members, so hot paths call them without boxing.</para>
/// <para>The flattening must be an order embedding into coordinate-wise ordered integer vectors:
/// <c>LessEqual(a, b)</c> holds exactly when every coordinate of <c>a</c> is at most the same coordinate of <c>b</c>.
/// Totally ordered times and products of them satisfy this.</para>
/// </remarks>
public interface ITimestamp<T> : ILattice<T>, IComparable<T> where T : ITimestamp<T>
{
    /// <summary>The least time: every time is greater than or equal to it.</summary>
    static abstract T Minimum { get; }

    /// <summary>The number of integer coordinates in the flattened form.</summary>
    static abstract int Coordinates { get; }

    /// <summary>Writes the flattened coordinates of <paramref name="time"/> into <paramref name="destination"/>.</summary>
    static abstract void Encode(T time, Span<long> destination);

    /// <summary>Reads a time back from its flattened coordinates.</summary>
    static abstract T Decode(ReadOnlySpan<long> source);
}
