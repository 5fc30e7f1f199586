using System.Runtime.CompilerServices;
using AkkaDifferential.Progress.Timestamps;

namespace AkkaDifferential;

/// <summary>
/// Partial-order and lattice operations on any timestamp type: <c>long</c>, <c>int</c>, or a type implementing
/// <see cref="ILattice{T}"/>. Generic engine code calls these; for <c>long</c> and <c>int</c> the JIT reduces each
/// call to one machine comparison.
/// </summary>
public static class Lattice
{
    /// <summary>True when <paramref name="a"/> ≤ <paramref name="b"/> in the partial order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool LessEqual<T>(T a, T b)
    {
        if (typeof(T) == typeof(long)) return (long)(object)a! <= (long)(object)b!;
        if (typeof(T) == typeof(int)) return (int)(object)a! <= (int)(object)b!;
        return TimestampOps<T>.Instance.LessEqual(a, b);
    }

    /// <summary>True when <paramref name="a"/> &lt; <paramref name="b"/>: less or equal, and not equal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool LessThan<T>(T a, T b) => LessEqual(a, b) && !EqualityComparer<T>.Default.Equals(a, b);

    /// <summary>True when some element of <paramref name="lower"/> is ≤ <paramref name="time"/>.</summary>
    public static bool AnyLessEqual<T>(ReadOnlySpan<T> lower, T time)
    {
        foreach (var candidate in lower)
            if (LessEqual(candidate, time))
                return true;
        return false;
    }

    /// <summary>The least upper bound of two times.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Join<T>(T a, T b)
    {
        if (typeof(T) == typeof(long)) return (T)(object)Math.Max((long)(object)a!, (long)(object)b!);
        if (typeof(T) == typeof(int)) return (T)(object)Math.Max((int)(object)a!, (int)(object)b!);
        return TimestampOps<T>.Instance.Join(a, b);
    }

    /// <summary>The greatest lower bound of two times.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Meet<T>(T a, T b)
    {
        if (typeof(T) == typeof(long)) return (T)(object)Math.Min((long)(object)a!, (long)(object)b!);
        if (typeof(T) == typeof(int)) return (T)(object)Math.Min((int)(object)a!, (int)(object)b!);
        return TimestampOps<T>.Instance.Meet(a, b);
    }
}
