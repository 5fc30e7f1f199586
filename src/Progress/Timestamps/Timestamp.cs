using System.Runtime.CompilerServices;
using AkkaDifferential.Progress.Timestamps;

namespace AkkaDifferential;

/// <summary>
/// Timestamp operations beyond the lattice: the minimum time, a total order for sorting, and the flattening to
/// integer coordinates used by the progress tracker. See <see cref="ITimestamp{T}"/>.
/// </summary>
public static class Timestamp
{
    /// <summary>The least time of <typeparamref name="T"/>.</summary>
    public static T Minimum<T>() => TimestampOps<T>.Instance.Minimum;

    /// <summary>
    /// Compares two times in a total order that extends the partial order (if <c>a ≤ b</c> then
    /// <c>Compare(a, b) ≤ 0</c>). Used to sort updates, never to decide visibility.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Compare<T>(T a, T b)
    {
        if (typeof(T) == typeof(long)) return ((long)(object)a!).CompareTo((long)(object)b!);
        if (typeof(T) == typeof(int)) return ((int)(object)a!).CompareTo((int)(object)b!);
        return TimestampOps<T>.Instance.Compare(a, b);
    }

    /// <summary>The number of integer coordinates of <typeparamref name="T"/> in flattened form.</summary>
    public static int Coordinates<T>() => TimestampOps<T>.Instance.Coordinates;

    /// <summary>Writes the flattened coordinates of <paramref name="time"/>.</summary>
    public static void Encode<T>(T time, Span<long> destination) => TimestampOps<T>.Instance.Encode(time, destination);

    /// <summary>Reads a time from its flattened coordinates.</summary>
    public static T Decode<T>(ReadOnlySpan<long> source) => TimestampOps<T>.Instance.Decode(source);

    /// <summary>
    /// Checks that <typeparamref name="T"/> can be a dataflow timestamp, so that a bad type is reported when a
    /// dataflow is built rather than when its first update arrives.
    /// </summary>
    /// <exception cref="InvalidOperationException">The type is not a timestamp.</exception>
    public static void Validate<T>() => _ = TimestampOps<T>.Instance.Minimum;
}
