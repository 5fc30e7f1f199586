using System.Runtime.CompilerServices;

namespace AkkaDifferential.Arrangements.Data;

/// <summary>
/// The integer key types whose <see cref="DataOrder{T}"/> is the order of an unsigned number made of their bits, so
/// that updates keyed by them can be sorted by radix (<see cref="Trace.RowRadixSort"/>): <c>int</c>, <c>long</c>,
/// <c>uint</c> and <c>ulong</c>. Signed keys have their sign bit flipped, which maps their order onto the unsigned one.
/// </summary>
/// <typeparam name="T">The key type.</typeparam>
internal static class RadixKey<T>
{
    /// <summary>True when <typeparamref name="T"/> is one of the supported integer types.</summary>
    public static readonly bool Supported =
        typeof(T) == typeof(int) || typeof(T) == typeof(long) || typeof(T) == typeof(uint) || typeof(T) == typeof(ulong);

    /// <summary>The number of bytes of a key's bits that can differ (4 or 8).</summary>
    public static readonly int Bytes = typeof(T) == typeof(int) || typeof(T) == typeof(uint) ? 4 : 8;

    /// <summary>
    /// <paramref name="key"/> as an unsigned number with the same order: for keys <c>a</c> and <c>b</c>,
    /// <c>Bits(a) &lt; Bits(b)</c> exactly when <c>DataOrder&lt;T&gt;.Compare(a, b) &lt; 0</c>. Only for a
    /// <see cref="Supported"/> type; the type tests are folded away by the JIT.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Bits(T key)
    {
        if (typeof(T) == typeof(int))
            return (uint)(Unsafe.As<T, int>(ref key) ^ int.MinValue);
        if (typeof(T) == typeof(long))
            return (ulong)(Unsafe.As<T, long>(ref key) ^ long.MinValue);
        if (typeof(T) == typeof(uint))
            return Unsafe.As<T, uint>(ref key);
        if (typeof(T) == typeof(ulong))
            return Unsafe.As<T, ulong>(ref key);
        throw new NotSupportedException($"{typeof(T)} keys cannot be sorted by radix.");
    }
}
